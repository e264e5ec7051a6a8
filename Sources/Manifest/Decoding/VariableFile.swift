/// Reads a `--var-file`: a YAML (or JSON) mapping of variable names to scalar values.
public enum VariableFile {
    /// The variables in `bytes`, and any problems, located in `file`.
    ///
    /// Values are taken as written (`port: 8080` gives the text `8080`); lists, mappings and
    /// null are refused, since `${var:…}` substitutes text.
    public static func load(_ bytes: [UInt8], file: String) -> (variables: [String: String], diagnostics: [Diagnostic]) {
        let yaml = YAMLLoader.load(bytes, file: file)
        var diagnostics = yaml.diagnostics
        var variables: [String: String] = [:]
        guard yaml.documents.count <= 1 else {
            diagnostics.append(.error("var_file", "A variable file holds one mapping of NAME: value; this one has \(yaml.documents.count) documents.", at: yaml.documents[1].location))
            return (variables, diagnostics)
        }
        guard let root = yaml.documents.first?.root else { return (variables, diagnostics) }
        guard case .mapping(let pairs) = root.content else {
            diagnostics.append(.error("var_file", "A variable file must be a mapping of NAME: value, not \(YAMLNode.describe(root)).", at: root.location))
            return (variables, diagnostics)
        }
        for pair in pairs {
            guard case .scalar(let name, _) = pair.key.content, isName(name) else {
                diagnostics.append(.error("var_file", "Variable names start with a letter or '_' and continue with letters, digits, '_', '-' or '.'.", at: pair.key.location))
                continue
            }
            guard case .scalar(let value, let style) = pair.value.content,
                  YAMLScalar.resolve(value, style: style, tag: pair.value.tag) != .null else {
                diagnostics.append(.error("var_file", "Variable '\(name)' must have a text, number or boolean value, not \(YAMLNode.describe(pair.value)).", at: pair.value.location))
                continue
            }
            variables[name] = value
        }
        return (variables, diagnostics)
    }

    /// `[A-Za-z_][A-Za-z0-9_.-]*`, the names `--var` and `${var:…}` accept.
    public static func isName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else {
            return false
        }
        return name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" || $0 == ".")
        }
    }
}
