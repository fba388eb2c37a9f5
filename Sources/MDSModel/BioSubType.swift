import ISORecords

/// The MOSIP 0.9.5 segment names every client sends (mosip-clients.md §f.4) — not the spec text's `LF_INDEX`.
public enum BioSubType {
    /// Finger names with their ISO/IEC 19794-4 finger positions: one table, kept by the ISO record types.
    public static let fingers: [(name: String, position: UInt8)] =
        FingerPosition.allCases.filter { $0 != .unknown }.map { ($0.bioSubType, $0.rawValue) }
    public static let unknown = FingerPosition.unknown.bioSubType

    /// ISO/IEC 19794-6 eye labels with their names: 1 right, 2 left.
    public static let eyes: [(name: String, position: UInt8)] =
        EyeLabel.allCases.filter { $0 != .unknown }.map { ($0.bioSubType, $0.rawValue) }

    public static func fingerPosition(_ name: String) -> UInt8? { FingerPosition(bioSubType: name)?.rawValue }
    public static func eyePosition(_ name: String) -> UInt8? { EyeLabel(bioSubType: name)?.rawValue }

    /// The fingers a slap slot captures, in ISO position order (deviceSubId 1 left, 2 right, 3 thumbs — spec §5.5).
    public static func slapSlot(_ subId: Int) -> [String]? {
        switch subId {
        case 1: ["Left IndexFinger", "Left MiddleFinger", "Left RingFinger", "Left LittleFinger"]
        case 2: ["Right IndexFinger", "Right MiddleFinger", "Right RingFinger", "Right LittleFinger"]
        case 3: ["Left Thumb", "Right Thumb"]
        default: nil
        }
    }

    /// The eyes a dual-iris slot captures (1 left, 2 right, 3 both).
    public static func irisSlot(_ subId: Int) -> [String]? {
        switch subId {
        case 1: ["Left"]
        case 2: ["Right"]
        case 3: ["Left", "Right"]
        default: nil
        }
    }

    /// The order fingers appear in a slap image, left to right, as a hand lies on the platen: the left hand shows
    /// little … index, the right hand index … little, and two thumbs lie left thumb, right thumb.
    public static func slapImageOrder(_ names: [String]) -> [String] {
        let order = ["Left LittleFinger", "Left RingFinger", "Left MiddleFinger", "Left IndexFinger", "Left Thumb", "Right Thumb",
                     "Right IndexFinger", "Right MiddleFinger", "Right RingFinger", "Right LittleFinger"]
        return names.sorted { (order.firstIndex(of: $0) ?? 99) < (order.firstIndex(of: $1) ?? 99) }
    }
}
