import Manifest

/// How the embedded runtime keeps secrets: never the value, only a random salt and the SHA-256
/// of salt and value, enough to tell whether a given value is the stored one.
enum SecretSeal {
    /// `{"salt": …, "sha256": …}` for one secret.
    static func seal(_ value: String) -> RegoValue {
        let salt = IDMinter.randomHex(bytes: 16)
        return .object(["salt": .string(salt), "sha256": .string(hash(value, salt: salt))])
    }

    /// The lowercase hex SHA-256 of `salt` followed by `value`.
    static func hash(_ value: String, salt: String) -> String {
        SHA256.hex(salt + value)
    }
}
