#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The clocks the benchmark reads. CPU time is what it compares: the machine is shared, so wall
/// time says as much about the neighbours as about the code.
enum Clocks {
    /// Seconds on a clock that never jumps.
    static func wall() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    /// User + system CPU seconds this process has used (getrusage).
    static func processCPU() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        return ResourceUsage(usage).cpuSeconds
    }

    /// CPU seconds of the calling thread: cheap enough to read around every rule's `check`.
    static func threadCPU() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}

/// What the kernel counted for a process.
struct ResourceUsage: Sendable, Codable, Hashable {
    var userSeconds: Double
    var systemSeconds: Double
    /// Peak resident set, in bytes.
    var maximumResidentBytes: Int

    var cpuSeconds: Double { userSeconds + systemSeconds }

    init(userSeconds: Double, systemSeconds: Double, maximumResidentBytes: Int) {
        self.userSeconds = userSeconds
        self.systemSeconds = systemSeconds
        self.maximumResidentBytes = maximumResidentBytes
    }

    init(_ usage: rusage) {
        userSeconds = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        systemSeconds = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        // Linux reports kilobytes, macOS bytes.
        #if os(Linux)
        maximumResidentBytes = Int(usage.ru_maxrss) * 1024
        #else
        maximumResidentBytes = Int(usage.ru_maxrss)
        #endif
    }
}

extension Array where Element == Double {
    /// The middle value (the mean of the two middle ones for an even count); 0 when empty.
    var median: Double {
        guard !isEmpty else { return 0 }
        let sorted = self.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
