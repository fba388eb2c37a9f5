import Dispatch
import Synchronization

/// Produces fingerprint frames for simulated devices: single-finger impressions and multi-finger slaps.
///
/// Masters (the expensive, stable identity of each finger) are built on first use and kept in a bounded
/// least-recently-used cache, so a capture stream pays only for cheap impressions. The generator is safe
/// to share between threads and tasks: the cache sits behind a `Mutex`, and masters are built outside
/// the lock so one slow build never blocks frames of other fingers.
public final class FingerprintGenerator: Sendable {
    private struct Key: Hashable {
        let subject: UInt64
        let finger: Finger
    }

    private struct Cache {
        var entries: [Key: (master: FingerprintMaster, lastUse: UInt64)] = [:]
        var clock: UInt64 = 0
    }

    /// Most masters kept at once (each is about 1.2 MB).
    public let cacheCapacity: Int
    private let cache = Mutex(Cache())

    /// A generator keeping up to `cacheCapacity` masters (at least one).
    public init(cacheCapacity: Int = 40) {
        self.cacheCapacity = max(1, cacheCapacity)
    }

    /// The master of `finger` of `subject`, built on first use and cached.
    public func master(subject: UInt64, finger: Finger) -> FingerprintMaster {
        let key = Key(subject: subject, finger: finger)
        if let hit = cached(key) { return hit }
        let built = FingerprintMaster(subject: subject, finger: finger)
        store(built, for: key)
        return built
    }

    /// Builds any missing masters of `fingers` in parallel, so a first slap does not pay for them one
    /// after another.
    public func prepare(subject: UInt64, fingers: [Finger]) {
        let missing = fingers.filter { cached(Key(subject: subject, finger: $0)) == nil }
        guard missing.count > 1 else {
            missing.forEach { _ = master(subject: subject, finger: $0) }
            return
        }
        DispatchQueue.concurrentPerform(iterations: missing.count) { i in
            _ = self.master(subject: subject, finger: missing[i])
        }
    }

    /// One frame of a single-finger sensor showing `master`.
    ///
    /// `seed` identifies the placement (one capture attempt: where and how the finger was put down);
    /// `frameIndex` advances the settling quality and the frame-to-frame jitter within that attempt.
    public func impression(
        of master: FingerprintMaster, width: Int = 320, height: Int = 480,
        presentation: Presentation, frameIndex: Int, seed: UInt64
    ) -> GrayImage {
        var pixels = Platen.background(width: width, height: height)
        let quality = presentation.quality(atFrame: frameIndex)
        let placementSeed = SeedMixer.mix(seed, master.subject, UInt64(master.finger.rawValue))
        let plan = ImpressionPlan.make(
            condition: presentation.condition, quality: quality,
            homeX: Float(width) / 2, homeY: Float(height) / 2 + 6, maxShift: Float(min(width, height)) * 0.05,
            placementSeed: placementSeed, frameIndex: frameIndex)
        if let plan {
            _ = FingerRenderer.render(master, plan: plan, into: &pixels, width: width, height: height)
        }
        var noise = SplitMix64(seed: SeedMixer.mix(placementSeed, 0x4E4F_4953_45, UInt64(bitPattern: Int64(frameIndex))))
        SensorNoise.add(sigma: plan?.noise ?? 2.5, to: &pixels, width: width, rng: &noise)
        return GrayImage(width: width, height: height, pixels: pixels)
    }

    /// Convenience: the master of `finger` of `subject`, then one impression of it.
    public func impression(
        subject: UInt64, finger: Finger, width: Int = 320, height: Int = 480,
        presentation: Presentation, frameIndex: Int, seed: UInt64 = 0
    ) -> GrayImage {
        impression(of: master(subject: subject, finger: finger), width: width, height: height,
                   presentation: presentation, frameIndex: frameIndex, seed: seed)
    }

    private func cached(_ key: Key) -> FingerprintMaster? {
        cache.withLock { cache in
            guard let entry = cache.entries[key] else { return nil }
            cache.clock += 1
            cache.entries[key] = (entry.master, cache.clock)
            return entry.master
        }
    }

    private func store(_ master: FingerprintMaster, for key: Key) {
        cache.withLock { cache in
            cache.clock += 1
            cache.entries[key] = (master, cache.clock)
            while cache.entries.count > cacheCapacity {
                guard let oldest = cache.entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key else { break }
                cache.entries.removeValue(forKey: oldest)
            }
        }
    }
}
