import Manifest

/// The fields of a parsed policy input copied into one buffer as `SkimmedValue`s, so that
/// deciding it many times copies no reference-counted value.
///
/// Only inputs whose fields are all strings or arrays of strings can be flattened, which is
/// every input read from JSON in the common shape; the rest are decided from their
/// `RegoValue`s. A string's bytes are its UTF-8, so the two forms decide alike.
final class FlattenedInput: @unchecked Sendable {
    // Written once in `init` and only read afterwards, so sharing across threads is safe.
    let fields: PolicyInput<SkimmedValue>
    private let bytes: UnsafeMutableRawBufferPointer
    private let elements: UnsafeMutableBufferPointer<UnsafeRawBufferPointer>

    /// Flattens `input`; `nil` when some field is neither a string nor an array of strings.
    init?(_ input: PolicyInput<RegoValue>) {
        let values = [input.principalID, input.labels, input.resourceID, input.edgeScopes, input.req,
                      input.claims.scope, input.claims.edgeID, input.claims.target]
        var byteCount = 0
        var elementCount = 0
        for case let value? in values {
            switch value {
            case .string(let string):
                byteCount += string.utf8.count
            case .array(let array):
                for element in array {
                    guard case .string(let string) = element else { return nil }
                    byteCount += string.utf8.count
                }
                elementCount += array.count
            default:
                return nil
            }
        }
        let bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: max(byteCount, 1), alignment: 1)
        let elements = UnsafeMutableBufferPointer<UnsafeRawBufferPointer>.allocate(capacity: max(elementCount, 1))
        var bytesUsed = 0
        var elementsUsed = 0
        let base = UnsafeRawPointer(bytes.baseAddress!)
        func copy(_ string: String) -> UnsafeRawBufferPointer {
            let start = bytesUsed
            for byte in string.utf8 {
                bytes[bytesUsed] = byte
                bytesUsed += 1
            }
            return UnsafeRawBufferPointer(start: base + start, count: bytesUsed - start)
        }
        func flatten(_ value: RegoValue?) -> SkimmedValue? {
            switch value {
            case .string(let string)?:
                return .string(copy(string))
            case .array(let array)?:
                let first = elementsUsed
                for case .string(let string) in array {
                    elements[elementsUsed] = copy(string)
                    elementsUsed += 1
                }
                return .strings(UnsafeBufferPointer(start: elements.baseAddress! + first, count: elementsUsed - first))
            default:
                return nil
            }
        }
        var fields = PolicyInput<SkimmedValue>()
        fields.principalID = flatten(input.principalID)
        fields.labels = flatten(input.labels)
        fields.resourceID = flatten(input.resourceID)
        fields.edgeScopes = flatten(input.edgeScopes)
        fields.req = flatten(input.req)
        fields.claims = .init(scope: flatten(input.claims.scope), edgeID: flatten(input.claims.edgeID), target: flatten(input.claims.target))
        fields.flags = input.flags
        self.fields = fields
        self.bytes = bytes
        self.elements = elements
    }

    deinit {
        bytes.deallocate()
        elements.deallocate()
    }
}
