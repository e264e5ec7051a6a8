import Foundation

extension Data {
    /// The file at `path` mapped into memory with its pages already loaded, or `nil` when it
    /// cannot be mapped (it is empty, missing or not a regular file).
    ///
    /// A replay reads a large file once from start to end; loading the pages with the mapping
    /// (`MAP_POPULATE`) saves a page fault for every few pages that the reading would take.
    init?(mappingPopulated path: String) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size > 0 else { return nil }
        let size = Int(status.st_size)
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, descriptor, 0), base != MAP_FAILED else { return nil }
        self.init(bytesNoCopy: base, count: size, deallocator: .unmap)
    }
}
