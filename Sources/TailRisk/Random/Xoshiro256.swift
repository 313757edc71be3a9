/// SplitMix64 (Steele, Lea & Flood 2014), used only to turn a key into
/// well-mixed generator state.
public struct SplitMix64: Sendable {
    public private(set) var state: UInt64

    public init(state: UInt64) { self.state = state }

    /// The SplitMix64 finaliser: a bijective 64-bit mix (Stafford's variant 13).
    @inline(__always)
    public static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always)
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }
}

/// xoshiro256++ (Blackman & Vigna 2021): 256 bits of state, period 2²⁵⁶ − 1,
/// about 1 ns per 64-bit output.
///
/// Scenario streams are keyed by position (methods.md §7): scenario `j` of a
/// run with seed `s` draws from `Xoshiro256PlusPlus(seed: s, scenario: j)`,
/// whatever thread, block or process generates it.
public struct Xoshiro256PlusPlus: RandomNumberGenerator, Sendable {
    @usableFromInline var s0, s1, s2, s3: UInt64

    /// The generator of stream unit `unit` of a run with seed `seed`: the key
    /// `mix(seed ⊕ mix(unit ⊕ c))` seeds a SplitMix64 whose first four outputs
    /// are the state. Distinct units get unrelated states (no shifted copies,
    /// as consecutive raw SplitMix64 states would give).
    public init(seed: UInt64, unit: UInt64) {
        var sm = SplitMix64(state: SplitMix64.mix(seed ^ SplitMix64.mix(unit ^ 0x6A09_E667_F3BC_C909)))
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }  // the all-zero state is a fixed point
    }

    /// The generator of scenario `scenario` of a run with seed `seed`: as
    /// `init(seed:unit:)` with another domain constant, so scenario keys never
    /// coincide with unit keys. Costs six SplitMix64 mixes (a few ns), against
    /// the `d` normals a scenario draws.
    @inline(__always)
    public init(seed: UInt64, scenario: UInt64) {
        var sm = SplitMix64(state: SplitMix64.mix(seed ^ SplitMix64.mix(scenario ^ 0xBB67_AE85_84CA_A73B)))
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = ((s0 &+ s3) << 23 | (s0 &+ s3) >> 41) &+ s0
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// A uniform double in `[0, 1)` from the top 53 bits.
    @inline(__always)
    public mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A uniform double in `(0, 1]`, safe to take the logarithm of.
    @inline(__always)
    public mutating func nextUniformPositive() -> Double {
        Double((next() >> 11) &+ 1) * 0x1p-53
    }

    /// An unbiased integer in `0..<bound` by Lemire's multiply-and-reject
    /// (ACM TOMACS 2019): one multiplication, and a division only on the rare
    /// rejection path.
    /// - Precondition: `bound > 0`.
    @inline(__always)
    public mutating func nextIndex(below bound: Int) -> Int {
        precondition(bound > 0, "empty range")
        let range = UInt64(bound)
        var m = next().multipliedFullWidth(by: range)
        if m.low < range {
            let threshold = (0 &- range) % range
            while m.low < threshold { m = next().multipliedFullWidth(by: range) }
        }
        return Int(m.high)
    }
}
