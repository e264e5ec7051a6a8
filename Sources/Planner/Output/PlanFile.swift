import Manifest

/// A saved plan (`plan --out FILE`), read back by `apply FILE` (SPEC §4).
///
/// `apply FILE` loads the same manifests again from ``inputs``, checks that their digest and
/// the live state's fingerprints are still the ones recorded, and only then applies.
public struct PlanFile: Sendable {
    /// The runtime the plan was made against.
    public var runtime: String
    public var manifestDigest: String
    public var fingerprints: [String: String]
    public var inputs: PlanInputs
    /// The plan document as saved, to compare with the plan made again at apply time.
    public var document: RegoValue

    /// Reads a plan file's JSON text.
    ///
    /// - Throws: a sentence naming what is wrong when the text is not a caracal-apply plan of
    ///   this format version.
    public init(text: String) throws(PlanFileError) {
        let json: RegoValue
        do {
            json = try JSONReader.value(from: text)
        } catch {
            throw PlanFileError("it is not JSON (\(error))")
        }
        guard case .object(let fields) = json else { throw PlanFileError("it is not a JSON object") }
        guard case .number(let version)? = fields["format_version"] else { throw PlanFileError("it has no 'format_version'") }
        guard version.value == Double(Plan.formatVersion) else {
            throw PlanFileError("its format version is \(version.literal), and this caracal-apply reads version \(Plan.formatVersion)")
        }
        guard let runtime = fields["runtime"]?.stringValue else { throw PlanFileError("it has no 'runtime'") }
        guard let digest = fields["manifest_digest"]?.stringValue else { throw PlanFileError("it has no 'manifest_digest'") }
        guard case .object(let prints)? = fields["fingerprints"] else { throw PlanFileError("it has no 'fingerprints'") }
        guard case .object(let inputs)? = fields["inputs"], case .array(let files)? = inputs["files"],
              case .object(let variables)? = inputs["variables"] else {
            throw PlanFileError("it has no 'inputs' (was it written by 'plan --out'?)")
        }
        var fingerprints: [String: String] = [:]
        for (key, value) in prints {
            guard let text = value.stringValue else { throw PlanFileError("fingerprint '\(key)' is not a string") }
            fingerprints[key] = text
        }
        var values: [String: String] = [:]
        for (key, value) in variables {
            guard let text = value.stringValue else { throw PlanFileError("variable '\(key)' is not a string") }
            values[key] = text
        }
        let paths = files.compactMap(\.stringValue)
        guard paths.count == files.count, !paths.isEmpty else { throw PlanFileError("its 'inputs.files' is not a list of paths") }
        var targets: [ObjectAddress] = []
        if case .array(let written)? = inputs["targets"] {
            for item in written {
                guard let text = item.stringValue, let address = ObjectAddress(parsing: text) else {
                    throw PlanFileError("its 'inputs.targets' holds something that is not an address")
                }
                targets.append(address)
            }
        }
        self.runtime = runtime
        self.manifestDigest = digest
        self.fingerprints = fingerprints
        self.inputs = PlanInputs(files: paths, variables: values, targets: targets)
        var document = fields
        // Test results are a reviewer's aid, computed again at apply time by the gate.
        document["inputs"] = nil
        document["tests"] = .array([])
        self.document = .object(document)
    }

    /// Why `plan` cannot be applied in place of this saved plan, or `nil` when it is the same.
    ///
    /// The checks are in the order a person can act on: another runtime, changed manifests,
    /// changed live state, then any other difference.
    public func staleness(of plan: Plan) -> String? {
        if plan.runtime != runtime {
            return "it was made against \(runtime), not \(plan.runtime)"
        }
        if plan.manifestDigest != manifestDigest {
            return "the manifests have changed since it was made"
        }
        if plan.fingerprints != fingerprints {
            let changed = Set(plan.fingerprints.keys).union(fingerprints.keys).filter { plan.fingerprints[$0] != fingerprints[$0] }
            return "the live state has changed since it was made (\(changed.count) object\(changed.count == 1 ? "" : "s") differ)"
        }
        if PlanDocument.json(plan) != document {
            return "planning again gives different changes"
        }
        return nil
    }
}

/// Why a plan file cannot be read.
public struct PlanFileError: Error, Sendable, CustomStringConvertible {
    /// The end of the sentence "The plan file cannot be used: …".
    public var reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}
