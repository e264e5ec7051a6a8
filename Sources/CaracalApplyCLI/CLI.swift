/// The command line, as a function tests call directly.
public enum CLI {
    /// Runs one invocation and returns its exit status.
    public static func run(arguments: [String], environment: [String: String], io: TerminalIO) -> Int32 {
        io.writeOut("caracal-apply \(CaracalApply.version)\n")
        return 0
    }
}
