/// Ridge–valley uniformity (RVU): the ratios of neighbouring ridge and valley widths met across the
/// ridges (ISO/IEC 29794-4; NFIQ 2 `RVUP`).
///
/// From the complete runs of a slanted block (those not cut by its edge) every adjacent ridge/valley
/// pair contributes `ridge width / valley width`. A well-inked, evenly pressed print gives ratios
/// clustered near one value; their spread over the whole finger is what NFIQ 2 feeds its model
/// (histogram, mean, standard deviation).
enum RidgeValleyUniformity {
    static func ratios(_ split: RidgeValleySplit) -> [Double] {
        let runs = Array(split.completeRuns)
        guard runs.count >= 2 else { return [] }
        var out: [Double] = []
        for k in 0..<(runs.count - 1) {
            let (first, second) = (runs[k], runs[k + 1])
            let ridge = first.ridge ? first.width : second.width
            let valley = first.ridge ? second.width : first.width
            out.append(Double(ridge) / Double(valley))
        }
        return out
    }
}
