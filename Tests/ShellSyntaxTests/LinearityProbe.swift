/// Measures how the cost of some work grows with its input, as a ratio of two durations taken
/// in the same process: one test asserts shape, never an absolute time.
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
        let clock = ContinuousClock()
        func fastest(_ input: Input) -> Double {
            var best = Double.infinity
            for _ in 0..<repetitions {
                let start = clock.now
                work(input)
                let elapsed = clock.now - start
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                best = min(best, seconds)
            }
            return best
        }
        // A tiny input can finish below the clock's resolution: never divide by nothing.
        return fastest(large) / max(fastest(small), 1e-6)
    }
}
