/// The options apply and destroy share.
struct ApplyOptions {
    static let declarations: [OptionDeclaration] = [
        .flag("auto-approve", help: "Apply without asking for confirmation."),
        .value("parallelism", placeholder: "N", help: "Run up to N independent changes at once (default 4)."),
        .flag("no-wait", help: "Do not wait for policy-set activations to load."),
        .value("activation-timeout", placeholder: "SECONDS", help: "How long to wait for an activation to load (default 120)."),
        .value("lock-timeout", placeholder: "SECONDS", help: "Wait this long for another apply's lock on the embedded runtime (default: fail at once)."),
    ]
    static let target = OptionDeclaration.value(
        "target", placeholder: "ADDR", repeatable: true, help: "Apply only this object (KIND/ZONE/NAME) and what it depends on.")

    var autoApprove: Bool
    var parallelism: Int
    var waitForActivation: Bool
    var activationTimeout: Duration
    var lockTimeout: Double?

    init(context: CommandContext) throws(CommandFailure) {
        let arguments = context.arguments
        autoApprove = arguments.flag("auto-approve")
        waitForActivation = !arguments.flag("no-wait")
        parallelism = try Self.number(arguments.value("parallelism"), option: "parallelism", range: 1...64).map(Int.init) ?? 4
        activationTimeout = .seconds(try Self.number(arguments.value("activation-timeout"), option: "activation-timeout", range: 1...86_400) ?? 120)
        lockTimeout = try Self.number(arguments.value("lock-timeout"), option: "lock-timeout", range: 0...86_400)
    }

    /// Refuses to go on without a way to approve: `--auto-approve`, or a terminal to ask on.
    func requireApproval(_ context: CommandContext) throws(CommandFailure) {
        guard !autoApprove, !context.io.stdinIsTerminal else { return }
        throw .usage(UsageError("Standard input is not a terminal, so there is no one to confirm the changes; pass --auto-approve, or apply a plan saved with 'plan --out'."))
    }

    private static func number(_ text: String?, option: String, range: ClosedRange<Double>) throws(CommandFailure) -> Double? {
        guard let text else { return nil }
        guard let value = Double(text), range.contains(value) else {
            throw .usage(UsageError("Invalid value '\(text)' for '--\(option)': give a number from \(Int(range.lowerBound)) to \(Int(range.upperBound))."))
        }
        return value
    }
}
