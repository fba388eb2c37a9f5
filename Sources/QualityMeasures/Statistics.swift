import Foundation

/// Small numeric helpers shared by the engines.
enum Stats {
    /// `value` limited to `0 ... 1`.
    @inline(__always)
    static func unit(_ value: Double) -> Double { min(1, max(0, value)) }

    /// Linear ramp: 0 at `low`, 1 at `high`, clamped (either order of the ends works).
    @inline(__always)
    static func ramp(_ value: Double, from low: Double, to high: Double) -> Double {
        guard high != low else { return value >= high ? 1 : 0 }
        return unit((value - low) / (high - low))
    }

    static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }

    /// Population standard deviation.
    static func standardDeviation(_ values: [Double]) -> Double {
        guard values.count > 1 else { return 0 }
        let m = mean(values)
        return (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count)).squareRoot()
    }

    /// Weighted geometric mean of factors in `0 ... 1`; each factor is floored at `floor` so one
    /// missing measure drags the result down hard without turning it into exactly zero.
    static func weightedGeometricMean(_ factors: [(value: Double, weight: Double)], floor: Double = 1e-3) -> Double {
        var logSum = 0.0
        var weights = 0.0
        for f in factors {
            logSum += f.weight * log(max(floor, min(1, f.value)))
            weights += f.weight
        }
        return weights > 0 ? exp(logSum / weights) : 0
    }

    /// The `q`-quantile (0 … 1) of a 256-bin histogram holding `total` samples.
    static func quantile(_ histogram: [Int], total: Int, _ q: Double) -> Int {
        let target = Int((Double(total) * q).rounded(.down))
        var seen = 0
        for (level, count) in histogram.enumerated() {
            seen += count
            if seen > target { return level }
        }
        return histogram.count - 1
    }
}
