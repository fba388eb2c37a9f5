/// Appends big-endian fields to a byte array.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func uint8(_ value: UInt8) { bytes.append(value) }

    mutating func uint16(_ value: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    mutating func uint24(_ value: UInt32) {
        bytes.append(UInt8(truncatingIfNeeded: value >> 16))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    mutating func uint32(_ value: UInt32) {
        bytes.append(UInt8(truncatingIfNeeded: value >> 24))
        bytes.append(UInt8(truncatingIfNeeded: value >> 16))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    /// Writes a value already validated to fit in 16 bits.
    mutating func uint16(_ value: Int) { uint16(UInt16(truncatingIfNeeded: value)) }
    /// Writes a value already validated to fit in 8 bits.
    mutating func uint8(_ value: Int) { uint8(UInt8(truncatingIfNeeded: value)) }
    /// Writes a length already validated to fit in 32 bits.
    mutating func uint32(_ value: Int) { uint32(UInt32(truncatingIfNeeded: value)) }

    mutating func append(_ data: [UInt8]) { bytes.append(contentsOf: data) }
}
