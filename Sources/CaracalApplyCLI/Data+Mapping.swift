import Foundation

extension Data {
    /// The file at `path` mapped into memory, or `nil` when it cannot be mapped (it is empty,
    /// missing or not a regular file).
    ///
    /// A replay reads a large file once, from start to end, and loads the pages of each piece
    /// as it comes to it (`DecisionReplay`); a mapping saves copying the file first.
    init?(mapping path: String) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size > 0 else { return nil }
        let size = Int(status.st_size)
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), base != MAP_FAILED else { return nil }
        self.init(bytesNoCopy: base, count: size, deallocator: .unmap)
    }
}
