extension ManifestDecoder {
    static let zoneFields = ["name", "dcr_enabled", "prune", "external", "id"]
    static let applicationFields = ["traits"]

    func decodeZone(_ node: YAMLNode, name: String, context: inout DecodingContext) -> ZoneSpec? {
        if !AdminAPIFormats.isSlug(name) {
            context.error("invalid_slug", "Zone name '\(name)' is not a valid slug; use lower-case letters, digits and '-' only.", at: context.sourceMap["metadata.name"])
        }
        guard let fields = context.fields(of: node, path: "spec", allowed: Self.zoneFields) else { return nil }
        var spec = ZoneSpec()
        if let nameNode = fields["name"], let display = context.string(nameNode, path: "spec.name") {
            let trimmed = display.trimmingWhitespace
            if trimmed.isEmpty || trimmed.count > AdminAPIFormats.zoneNameMax {
                context.error("invalid_value", "'spec.name' must be 1 to \(AdminAPIFormats.zoneNameMax) characters long after trimming.", at: nameNode.location)
            }
            spec.name = trimmed
        }
        spec.dcrEnabled = fields["dcr_enabled"].flatMap { context.bool($0, path: "spec.dcr_enabled") }
        spec.prune = fields["prune"].flatMap { context.bool($0, path: "spec.prune") } ?? false
        spec.external = fields["external"].flatMap { context.bool($0, path: "spec.external") } ?? false
        if let idNode = fields["id"], let id = context.string(idNode, path: "spec.id") {
            if !spec.external {
                context.error("invalid_value", "'spec.id' is only for external zones; add 'external: true' or remove the id.", at: idNode.location)
            } else if !isServerID(id) {
                context.error("invalid_value", "'spec.id' '\(id)' is not a Caracal id (1 to 128 letters, digits and _.-:).", at: idNode.location)
            }
            spec.id = id
        }
        if spec.external, fields.contains("dcr_enabled") || fields.contains("name") {
            let field = fields.contains("dcr_enabled") ? "dcr_enabled" : "name"
            context.error("invalid_value", "External zone '\(name)' is not managed here, so 'spec.\(field)' would never be applied; remove it.", at: context.sourceMap["spec.\(field)"])
        }
        return spec
    }

    func decodeApplication(_ node: YAMLNode, context: inout DecodingContext) -> ApplicationSpec? {
        guard let fields = context.fields(of: node, path: "spec", allowed: Self.applicationFields) else { return nil }
        var spec = ApplicationSpec()
        if let traitsNode = fields["traits"], let traits = context.stringList(traitsNode, path: "spec.traits") {
            if traits.count > AdminAPIFormats.traitsMax {
                context.error("too_many", "'spec.traits' lists \(traits.count) traits; Caracal allows at most \(AdminAPIFormats.traitsMax).", at: traitsNode.location)
            }
            // The items' own locations, which is what the source map recorded for
            // 'spec.traits[index]', without searching it.
            guard case .sequence(let items) = traitsNode.content else { return spec }
            var seen: Set<String> = []
            for (index, trait) in traits.enumerated() {
                let location = items[index].location
                if !AdminAPIFormats.isTrait(trait) {
                    context.error("invalid_trait", "Trait '\(trait)' is not valid; a trait starts with a letter and has 1 to 128 letters, digits and ._:- only.", at: location)
                } else if !seen.insert(trait).inserted {
                    context.error("duplicate_value", "Trait '\(trait)' is listed twice.", at: location)
                } else if trait.hasPrefix("control:") || trait.hasPrefix("caracal.sys:") {
                    context.warning("privileged_trait", "Trait '\(trait)' is in a namespace only a global admin token may set; a zone-scoped token will be refused.", at: location)
                }
            }
            spec.traits = traits
        }
        return spec
    }

    /// `^[A-Za-z0-9_.\-:]{1,128}$`, the Admin API's path-id rule.
    func isServerID(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 128 && text.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":")
        }
    }
}

extension String {
    /// The string without leading and trailing white space, as the Admin API trims.
    public var trimmingWhitespace: String {
        // The common case, ASCII at both ends that is not white space, needs no Unicode lookup.
        // (The ASCII white space characters are tab, LF, VT, FF, CR and space.)
        if let first = utf8.first, let last = utf8.last, first < 0x80, last < 0x80,
           !(0x09...0x0D).contains(first), first != 0x20, !(0x09...0x0D).contains(last), last != 0x20 {
            return self
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }

    /// Whether the string has a white-space character (Unicode's White_Space) anywhere.
    var containsWhitespace: Bool {
        // ASCII scalars, nearly all of them, are answered without a Unicode property lookup.
        unicodeScalars.contains { scalar in
            scalar.isASCII ? scalar.value == 0x20 || (scalar.value >= 0x09 && scalar.value <= 0x0D) : scalar.properties.isWhitespace
        }
    }
}
