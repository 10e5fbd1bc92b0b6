#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Measures how the cost of some work grows with its input, as a ratio of two durations taken
/// in the same process: one test asserts shape, never an absolute time.
///
/// The durations are the CPU time of the calling thread, not wall-clock time: a thread that other
/// processes push off the cores is not charged for the wait, so a loaded machine (two cores shared
/// with compilers) does not inflate the ratio.
enum LinearityProbe {
    /// Eight times the input costs about 8× for linear work and 64× for quadratic work; the bound
    /// sits far above the first so that noise never fails a test, and well below the second.
    static let linearBound = 24.0

    /// The time for `work` on an input of `8 * base` bytes divided by the time for `base` bytes.
    /// Each is the fastest of `repetitions` runs, which filters out pauses caused by other load.
    static func growthRatio<Input>(
        base: Int = 32 * 1024, repetitions: Int = 5,
        make: (Int) -> Input, work: (Input) -> Void
    ) -> Double {
        let small = make(base)
        let large = make(8 * base)
        func fastest(_ input: Input) -> Double {
            var best = Double.infinity
            for _ in 0..<repetitions {
                let start = threadCPUSeconds()
                work(input)
                best = min(best, threadCPUSeconds() - start)
            }
            return best
        }
        // A tiny input can finish below the clock's resolution: never divide by nothing.
        return fastest(large) / max(fastest(small), 1e-6)
    }

    /// CPU time consumed by the calling thread so far.
    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
