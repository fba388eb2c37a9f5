/// The fixed frame in which every fingerprint master is grown: 320 × 448 pixels at 500 ppi
/// (16 × 22 mm, a little more than the largest fingertip contact), finger axis vertical, tip at the top.
///
/// A fixed size lets the Gabor kernel bank precompute its tap offsets once for the whole process.
enum MasterGeometry {
    static let width = 320
    static let height = 448
    static let centreX: Float = 160
    static let centreY: Float = 224
    /// Semi-axes of the largest contact ellipse an impression may use; the master covers it with margin.
    static let maxContactSemiX: Float = 150
    static let maxContactSemiY: Float = 212
}
