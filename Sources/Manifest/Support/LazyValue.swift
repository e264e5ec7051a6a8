import Synchronization

/// Remembers a value computed on first use, for value types that are shared across threads.
final class LazyValue<Value: Sendable>: Sendable {
    private let storage = Mutex<Value?>(nil)

    /// The value, computing it with `make` the first time.
    func value(_ make: () -> Value) -> Value {
        storage.withLock { stored in
            if let stored { return stored }
            let value = make()
            stored = value
            return value
        }
    }
}
