import Manifest
import Synchronization

/// The `CompiledGrant` of each grant, compiled the first time a decision needs it.
///
/// Decisions without a trace read grants from `GrantTable`; only traces, and grants of a shape
/// the table does not lay out, need the whole record. Compiling all of them when the engine
/// is built took more time than deciding thousands of requests.
final class LazyGrants: Sendable {
    private let values: [RegoValue]
    private let appIDs: RegoValue?
    private let compiled: Mutex<[CompiledGrant?]>

    /// The grants `values` (numbered as given), whose owners are looked up in `appIDs`.
    init(_ values: [RegoValue], appIDs: RegoValue?) {
        self.values = values
        self.appIDs = appIDs
        compiled = Mutex(Array(repeating: nil, count: values.count))
    }

    /// Grant `number`'s record.
    subscript(number: Int) -> CompiledGrant {
        compiled.withLock { compiled in
            if let grant = compiled[number] { return grant }
            let grant = CompiledGrant(values[number], appIDs: appIDs)
            compiled[number] = grant
            return grant
        }
    }
}
