public import Wire

extension BiometricType {
    /// The modality the quality stage scores a device of this type as.
    public var modality: Modality {
        switch self {
        case .finger: .finger
        case .iris: .iris
        case .face: .face
        }
    }
}

extension SegmentSpec {
    /// One segment per name, keyed "0", "1", … in order, each at its ISO 19794 position for `type` (a finger
    /// position, an eye label; 0 for a face or an unknown name).
    public static func segments(_ names: [String], of type: BiometricType) -> [SegmentSpec] {
        names.enumerated().map { i, name in
            let position: UInt8 = switch type {
            case .finger: BioSubType.fingerPosition(name) ?? 0
            case .iris: BioSubType.eyePosition(name) ?? 0
            case .face: 0
            }
            return SegmentSpec(key: String(i), bioSubType: name, position: position)
        }
    }
}
