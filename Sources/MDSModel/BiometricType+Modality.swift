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
