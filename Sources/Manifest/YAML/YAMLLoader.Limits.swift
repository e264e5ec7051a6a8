extension YAMLLoader {
    /// Bounds that keep hostile or broken input from using unbounded time or memory.
    public struct Limits: Sendable, Hashable {
        /// The largest file accepted, in bytes.
        public var maxFileBytes: Int
        /// How many collections may be nested inside one another, aliases included.
        public var maxNestingDepth: Int
        /// How many nodes aliases may add to one document (a "billion laughs" guard).
        public var maxAliasExpansion: Int
        /// The longest scalar accepted, in UTF-8 bytes.
        public var maxScalarBytes: Int

        /// Limits with the given bounds; each defaults to the value in ``default``.
        public init(
            maxFileBytes: Int = 32 * 1024 * 1024,
            maxNestingDepth: Int = 64,
            maxAliasExpansion: Int = 100_000,
            maxScalarBytes: Int = 1024 * 1024
        ) {
            self.maxFileBytes = maxFileBytes
            self.maxNestingDepth = maxNestingDepth
            self.maxAliasExpansion = maxAliasExpansion
            self.maxScalarBytes = maxScalarBytes
        }

        /// 32 MiB files, 64 levels of nesting, 100,000 alias-added nodes per document, 1 MiB scalars.
        public static let `default` = Limits()
    }
}

extension YAMLLoader.Limits {
    /// `32 MiB`, `4 KiB` or `1000 bytes`, for messages about size limits.
    static func describe(bytes: Int) -> String {
        let mebibyte = 1024 * 1024
        if bytes >= mebibyte, bytes % mebibyte == 0 { return "\(bytes / mebibyte) MiB" }
        if bytes >= 1024, bytes % 1024 == 0 { return "\(bytes / 1024) KiB" }
        return bytes == 1 ? "1 byte" : "\(bytes) bytes"
    }
}
