extension Dictionary {
    /// Stores `value` for `key` unless a value is stored there already, and returns the value
    /// stored there now.
    ///
    /// One hash of the key does both, where looking the key up and then inserting it hashes it
    /// twice; the validator and the desired state do this for every object.
    @discardableResult
    mutating func storeIfAbsent(_ value: Value, forKey key: Key) -> Value {
        // Reaching the entry for modification through the default subscript inserts the
        // default when the key is absent.
        func stored(_ entry: inout Value) -> Value { entry }
        return stored(&self[key, default: value])
    }
}
