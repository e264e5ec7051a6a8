import Foundation

/// The process's peak resident memory so far, from getrusage.
enum PeakMemory {
    /// Megabytes (Linux reports ru_maxrss in kilobytes).
    static var megabytes: Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
