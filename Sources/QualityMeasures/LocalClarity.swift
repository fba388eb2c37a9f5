/// Local clarity score (LCS) of one slanted block: how cleanly ridge and valley pixels separate
/// (ISO/IEC 29794-4 "local clarity"; Olsen, Šmida & Busch 2016; NFIQ 2 `LCS`).
///
/// Columns of the slanted block are labelled ridge or valley by the profile's regression line. If the
/// mean ridge width lies in 3 … 10 px and the mean valley width in 2 … 10 px (the NFIQ 2 limits at
/// 500 ppi), then with α the share of valley-column pixels darker than the threshold and β the share of
/// ridge-column pixels not darker than it, `LCS = 1 − (α + β)/2`; otherwise (no plausible ridge
/// structure) `LCS = 0`. 1 is best.
enum LocalClarity {
    static let ridgeWidthRange = 3.0...10.0
    static let valleyWidthRange = 2.0...10.0

    static func score(_ block: SlantedBlock, split: RidgeValleySplit) -> Double {
        // NFIQ 2 averages the widths of all runs; the first and last are cut by the block edge, so use
        // the complete ones when there are any.
        let measured = split.completeRuns.isEmpty ? split.runs[...] : split.completeRuns
        let ridges = measured.filter(\.ridge).map { Double($0.width) }
        let valleys = measured.filter { !$0.ridge }.map { Double($0.width) }
        guard !ridges.isEmpty, !valleys.isEmpty,
              ridgeWidthRange.contains(Stats.mean(ridges)),
              valleyWidthRange.contains(Stats.mean(valleys))
        else { return 0 }
        let n = SlantedBlock.across
        var ridgeWrong = 0, ridgeTotal = 0, valleyWrong = 0, valleyTotal = 0
        block.samples.withUnsafeBufferPointer { s in
            for i in 0..<n {
                let t = split.threshold[i]
                var below = 0
                for j in 0..<SlantedBlock.along where s[j * n + i] < t { below += 1 }
                if split.isRidge[i] {
                    ridgeWrong += SlantedBlock.along - below
                    ridgeTotal += SlantedBlock.along
                } else {
                    valleyWrong += below
                    valleyTotal += SlantedBlock.along
                }
            }
        }
        let alpha = Double(valleyWrong) / Double(max(1, valleyTotal))
        let beta = Double(ridgeWrong) / Double(max(1, ridgeTotal))
        return 1 - (alpha + beta) / 2
    }

    /// Mean grey level of valley columns minus that of ridge columns: the ridge–valley depth in grey
    /// levels (0 when the block has no two-class structure).
    static func depth(_ block: SlantedBlock, split: RidgeValleySplit) -> Double {
        var ridge = 0.0, valley = 0.0, nr = 0, nv = 0
        for i in 0..<SlantedBlock.across {
            if split.isRidge[i] {
                ridge += Double(block.profile[i])
                nr += 1
            } else {
                valley += Double(block.profile[i])
                nv += 1
            }
        }
        guard nr > 0, nv > 0 else { return 0 }
        return max(0, valley / Double(nv) - ridge / Double(nr))
    }
}
