extension EmbeddedRuntime {
    /// How to open a state directory.
    public struct Options: Sendable {
        /// Open without the writer lock, for `plan` and `drift`: reads see the state as it was
        /// when opened, and every write fails with `state_read_only`.
        public var readOnly: Bool
        /// How long to wait for another process's writer lock, in seconds; `nil` or 0 fails at once.
        public var lockTimeout: Double?
        /// What the lock file says this process is doing, such as `caracal-apply apply`;
        /// `nil` uses the process's command line.
        public var command: String?
        /// The journal size, in bytes, past which it is compacted into the snapshot.
        public var compactionThreshold: Int

        public init(readOnly: Bool = false, lockTimeout: Double? = nil, command: String? = nil, compactionThreshold: Int = 256 << 20) {
            self.readOnly = readOnly
            self.lockTimeout = lockTimeout
            self.command = command
            self.compactionThreshold = compactionThreshold
        }
    }
}
