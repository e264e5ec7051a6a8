/// A Rego data document: a package and the constant rules it defines.
///
/// This is the only form of Rego caracal-apply's embedded runtime evaluates; see
/// ``RegoDataDocumentParser``.
public struct RegoDataDocument: Sendable, Hashable {
    /// The dotted package name, such as `caracal.authz`.
    public var packageName: String
    /// The rules in the order of their first definition; each name appears once.
    public var rules: [RegoRule]

    /// A document with the given package and rules.
    public init(packageName: String, rules: [RegoRule]) {
        self.packageName = packageName
        self.rules = rules
    }

    /// The value of the rule called `name`, if the document defines it.
    public func value(ofRule name: String) -> RegoValue? {
        rules.first(where: { $0.name == name })?.value
    }

    /// The rules as a dictionary from rule name to value.
    public var values: [String: RegoValue] {
        Dictionary(rules.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    }
}

/// One constant rule of a data document: `NAME := VALUE`, or the set built by `NAME contains`.
///
/// The location takes no part in equality.
public struct RegoRule: Sendable, Hashable {
    /// The rule's name.
    public var name: String
    /// The rule's value; a set for rules built with `contains`.
    public var value: RegoValue
    /// Where the rule's name is written (its first definition).
    public var location: SourceLocation

    /// A rule with its value and the position of its name.
    public init(name: String, value: RegoValue, location: SourceLocation) {
        self.name = name
        self.value = value
        self.location = location
    }

    /// Rules are equal when their names and values are; locations are ignored.
    public static func == (lhs: RegoRule, rhs: RegoRule) -> Bool {
        lhs.name == rhs.name && lhs.value == rhs.value
    }

    /// Hashes the name and value, consistently with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(value)
    }
}
