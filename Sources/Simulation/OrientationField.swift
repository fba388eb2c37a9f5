import Foundation

/// A singular point of a ridge flow, in master pixel coordinates.
public struct SingularPoint: Sendable, Equatable, Hashable {
    /// Core: ridges turn back around it (Poincaré index +½). Delta: three ridge flows meet (−½).
    public enum Kind: Sendable, Hashable {
        /// A loop centre or whorl centre.
        case core
        /// Where three ridge systems meet.
        case delta
    }

    /// Core or delta.
    public let kind: Kind
    /// Column, in master pixels.
    public let x: Float
    /// Row, in master pixels.
    public let y: Float

    /// A singular point at `(x, y)`.
    public init(kind: Kind, x: Float, y: Float) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}

/// The ridge orientation of one synthetic finger, as a continuous function of position.
///
/// Loops, tented arches and whorls use the Sherlock–Monroe zero-pole model: each core adds half the
/// argument of `z − core`, each delta subtracts half the argument of `z − delta`, so the field turns by
/// exactly ±π around each singular point and relaxes to the background direction far away. Plain arches
/// have no singular point, so they use the slope of a family of bumped curves instead. A small smooth
/// perturbation keeps the flow from looking drawn with a compass.
struct OrientationField: Sendable {
    let pattern: PatternClass
    let singularPoints: [SingularPoint]
    /// Direction of the ridges far from all singular points (radians, image axes, y down).
    private let background: Float
    private let archCentreX: Float
    private let archAmplitude: Float
    private let archWidth: Float
    private let perturbation: ValueNoise
    private let perturbationStrength: Float

    init(pattern: PatternClass, rng: inout SplitMix64) {
        self.pattern = pattern
        let cx = MasterGeometry.centreX + rng.uniform(-14, 14)
        // Cores sit a little above the middle of the fingertip, as on real plain impressions.
        let cy = MasterGeometry.centreY + rng.uniform(-50, -20)
        var points: [SingularPoint] = []
        switch pattern {
        case .arch:
            break
        case .tentedArch:
            let gap = rng.uniform(45, 70)
            points = [SingularPoint(kind: .core, x: cx, y: cy), SingularPoint(kind: .delta, x: cx + rng.uniform(-6, 6), y: cy + gap)]
        case .leftLoop, .rightLoop:
            // The delta lies on the side opposite the loop's opening, 8–12 ridges below and beside the core;
            // the core–delta direction sets how steeply the loop's legs fall away.
            let side: Float = pattern == .leftLoop ? 1 : -1
            points = [
                SingularPoint(kind: .core, x: cx - side * rng.uniform(4, 16), y: cy),
                SingularPoint(kind: .delta, x: cx + side * rng.uniform(90, 120), y: cy + rng.uniform(70, 105)),
            ]
        case .whorl:
            let spread = rng.uniform(10, 26)
            let tilt = rng.uniform(-10, 10)
            points = [
                SingularPoint(kind: .core, x: cx - tilt, y: cy - spread),
                SingularPoint(kind: .core, x: cx + tilt, y: cy + spread),
                SingularPoint(kind: .delta, x: cx - rng.uniform(95, 120), y: cy + rng.uniform(90, 125)),
                SingularPoint(kind: .delta, x: cx + rng.uniform(95, 120), y: cy + rng.uniform(90, 125)),
            ]
        }
        singularPoints = points
        background = rng.uniform(-0.06, 0.06)
        archCentreX = cx
        archAmplitude = rng.uniform(0.9, 1.4)
        archWidth = rng.uniform(55, 80)
        perturbation = ValueNoise(width: Float(MasterGeometry.width), height: Float(MasterGeometry.height), cell: 72, rng: &rng)
        perturbationStrength = rng.uniform(0.05, 0.11)
    }

    /// Ridge direction at `(x, y)` in radians, modulo π (x right, y down).
    func angle(x: Float, y: Float) -> Float {
        var theta = background
        if pattern == .arch {
            // Ridges follow y = y0 − A·exp(−(x − cx)² / 2w²): a hump that flattens towards the finger's base.
            let dx = x - archCentreX
            let flatten = max(0, min(1, (Float(MasterGeometry.height) * 0.85 - y) / (Float(MasterGeometry.height) * 0.6)))
            let slope = archAmplitude * flatten * dx / archWidth * expf(-dx * dx / (2 * archWidth * archWidth))
            theta += atanf(slope)
        } else {
            for point in singularPoints {
                let phase = atan2f(y - point.y, x - point.x)
                theta += point.kind == .core ? 0.5 * phase : -0.5 * phase
            }
        }
        // Fade the perturbation near singular points so their Poincaré index stays clean.
        var nearest: Float = 1
        for point in singularPoints {
            let d2 = (x - point.x) * (x - point.x) + (y - point.y) * (y - point.y)
            nearest = min(nearest, d2 / (40 * 40))
        }
        theta += perturbationStrength * perturbation(x, y) * min(1, nearest)
        return theta
    }
}
