import Manifest

/// What a decision asks of each grant, the owner's id and the scopes of each role, laid out
/// flat: the strings of one grant lie side by side in one buffer.
///
/// A decision reads one grant of thousands. Read through `CompiledGrant` it touches the grant
/// object, the owner's string, the role table and the role's scope table, each somewhere else
/// in memory; here it touches one entry and one run of bytes. Grants of a rarer shape (an owner
/// id that is not a string, roles that are not an object of arrays or sets of strings, or more
/// roles or scopes than a scan suits) are not flat and are read through `CompiledGrant`.
final class GrantTable: @unchecked Sendable {
    // Written once in `init` and only read afterwards, so sharing across threads is safe.

    /// Bytes in `bytes`.
    struct Run {
        var start: Int32
        var count: Int32
    }

    /// The scopes of one role, valid while the table lives.
    struct Scopes {
        fileprivate let bytes: UnsafeRawPointer
        fileprivate let runs: UnsafeBufferPointer<Run>

        /// Whether a scope's bytes are `element`.
        @inline(__always)
        func contains(_ element: UnsafeRawBufferPointer) -> Bool {
            for run in runs where Int(run.count) == element.count
                && (element.isEmpty || ByteComparison.same(bytes + Int(run.start), element.baseAddress!, count: element.count)) {
                return true
            }
            return false
        }
    }

    private struct Entry {
        var flat: Bool
        /// `count` is -1 when the grant has no owner.
        var owner: Run
        var firstRole: Int32
        var roleCount: Int32
    }

    private struct Role {
        var name: Run
        var firstScope: Int32
        var scopeCount: Int32
    }

    /// Beyond these a role is found, or a scope matched, faster by hashing.
    static let maximumRoles = 16
    static let maximumScopes = 32

    private let bytes: UnsafeMutableRawBufferPointer
    private let entries: UnsafeMutableBufferPointer<Entry>
    private let roles: UnsafeMutableBufferPointer<Role>
    private let runs: UnsafeMutableBufferPointer<Run>
    /// How many grants are laid out: the first ones, by number.
    private let count: Int

    /// Lays out `grants` (the values of `grants`, numbered as given), whose owners are looked
    /// up in `appIDs`; with `flat` false none is laid out.
    init(_ grants: [RegoValue], appIDs: RegoValue?, flat: Bool = true) {
        count = flat ? grants.count : 0
        var layout = Layout()
        layout.entries.reserveCapacity(count)
        for grant in grants.prefix(count) {
            layout.append(owner: CompiledGrant.ownerID(of: grant, appIDs: appIDs), roles: grant["roles"])
        }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(layout.bytes.count, 1), alignment: 8)
        layout.bytes.withUnsafeBytes { buffer.copyMemory(from: $0) }
        self.bytes = buffer
        self.entries = .allocate(capacity: max(layout.entries.count, 1))
        _ = self.entries.initialize(from: layout.entries)
        self.roles = .allocate(capacity: max(layout.roles.count, 1))
        _ = self.roles.initialize(from: layout.roles)
        self.runs = .allocate(capacity: max(layout.runs.count, 1))
        _ = self.runs.initialize(from: layout.runs)
    }

    deinit {
        bytes.deallocate()
        entries.deallocate()
        roles.deallocate()
        runs.deallocate()
    }

    /// The table while it is laid out, a grant at a time: each grant's strings are written
    /// straight into the buffers, and taken back if the grant turns out not to be flat.
    private struct Layout {
        var bytes: [UInt8] = []
        var entries: [Entry] = []
        var roles: [Role] = []
        var runs: [Run] = []

        /// Lays out the next grant, whose owner's id is `owner` and whose `roles` are `roles`.
        mutating func append(owner: RegoValue?, roles grantRoles: RegoValue?) {
            let marks = (bytes: bytes.count, roles: roles.count, runs: runs.count)
            var entry = Entry(flat: true, owner: Run(start: 0, count: -1), firstRole: Int32(marks.roles), roleCount: 0)
            switch owner {
            case nil: break
            case .string(let owner)?: entry.owner = append(owner)
            default: entry.flat = false
            }
            if entry.flat, let grantRoles { entry.flat = append(roles: grantRoles) }
            if entry.flat {
                entry.roleCount = Int32(roles.count - marks.roles)
            } else {
                entry.owner = Run(start: 0, count: -1)
                bytes.removeSubrange(marks.bytes...)
                roles.removeSubrange(marks.roles...)
                runs.removeSubrange(marks.runs...)
            }
            entries.append(entry)
        }

        /// Lays out roles that are an object of arrays or sets of strings, within the limits of
        /// a scan; `false` when they are not.
        private mutating func append(roles grantRoles: RegoValue) -> Bool {
            guard case .object(let members) = grantRoles, members.count <= maximumRoles else { return false }
            for (name, value) in members {
                let elements: [RegoValue]
                switch value {
                case .array(let array): elements = array
                case .set(let set): elements = set.elements
                default: return false
                }
                guard elements.count <= maximumScopes else { return false }
                roles.append(Role(name: append(name), firstScope: Int32(runs.count), scopeCount: Int32(elements.count)))
                for element in elements {
                    guard case .string(let scope) = element else { return false }
                    runs.append(append(scope))
                }
            }
            return true
        }

        private mutating func append(_ string: String) -> Run {
            let start = bytes.count
            var string = string
            string.withUTF8 { bytes.append(contentsOf: $0) }
            return Run(start: Int32(start), count: Int32(bytes.count - start))
        }
    }

    /// Whether grant `number` is laid out here.
    @inline(__always)
    func isFlat(_ number: Int) -> Bool {
        number < count && entries[number].flat
    }

    /// The owner's id of flat grant `number`, or `nil` when it has none.
    @inline(__always)
    func owner(_ number: Int) -> UnsafeRawBufferPointer? {
        let owner = entries[number].owner
        guard owner.count >= 0 else { return nil }
        return UnsafeRawBufferPointer(start: bytes.baseAddress! + Int(owner.start), count: Int(owner.count))
    }

    /// The scopes of the role named `role` in flat grant `number`, if it has one.
    @inline(__always)
    func scopes(_ number: Int, role: UnsafeRawBufferPointer) -> Scopes? {
        let entry = entries[number]
        let base = UnsafeRawPointer(bytes.baseAddress!)
        for index in Int(entry.firstRole)..<Int(entry.firstRole + entry.roleCount) {
            let name = roles[index].name
            guard Int(name.count) == role.count,
                  role.isEmpty || ByteComparison.same(base + Int(name.start), role.baseAddress!, count: role.count)
            else { continue }
            let found = roles[index]
            return Scopes(bytes: base, runs: UnsafeBufferPointer(rebasing: runs[Int(found.firstScope)..<Int(found.firstScope + found.scopeCount)]))
        }
        return nil
    }
}
