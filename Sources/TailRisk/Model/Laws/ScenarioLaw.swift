/// An innovation law that already holds its data: what one scenario of the
/// engine draws (design.md "Seams for what comes next", methods.md §4, §8).
///
/// The engine asks a law for two things and nothing else, so adding a law is
/// one file under `Model/Laws/` plus its spec (`InnovationLaw`) and tests:
/// - `draw`: the random part of one `h`-step scenario, from the scenario's
///   own generator (`Xoshiro256PlusPlus(seed:scenario:)`); the generator calls it
///   for every row of a block and again, from the key alone, when it redraws
///   a tail scenario for the Euler contributions. A law must draw every
///   number it needs from `rng`, in a fixed order, and nothing else.
/// - `affine(horizon:)`: when the law draws standardized days `x`, the map
///   `r = m + F x` that the engine applies to a whole block with one `dtrmm`
///   (`F` lower triangular); `nil` when `draw` already writes log returns.
///
/// Laws are values (`Sendable`): the engine's workers share one.
public protocol ScenarioLaw: Sendable {
    /// Number of assets of a scenario.
    var dimension: Int { get }
    /// The law as outputs name it, e.g. `normal`, `t(4.00)`, `bootstrap`, `fhs`.
    var name: String { get }
    /// Whether `−x` has the law of `x`, so antithetic pairs are allowed.
    var isSymmetric: Bool { get }
    /// The map `r = m + F x` applied after `draw` for an `h`-step scenario, or `nil`.
    func affine(horizon: Int) -> AffineMap?
    /// Writes the random part of one `h`-step scenario (`dimension` doubles) to `out`.
    /// `scratch` holds `dimension` doubles the law may use.
    func draw(horizon: Int, rng: inout Xoshiro256PlusPlus, into out: UnsafeMutablePointer<Double>,
              scratch: UnsafeMutablePointer<Double>)
    /// Refuses data or parameters the law cannot draw from, naming the flag.
    func validate() throws
    /// How a horizon of `h` steps is reached, for the output.
    func horizonTreatment(_ h: Int) -> String
}

/// `r = m + F x` with `F` lower triangular, column-major `d × d`.
public struct AffineMap: Sendable {
    public let mean: [Double]
    public let factor: [Double]

    public init(mean: [Double], factor: [Double]) {
        precondition(factor.count == mean.count * mean.count, "factor must be d × d")
        self.mean = mean
        self.factor = factor
    }

    /// `√h`-scaled factor and `h`-scaled mean: the law of a sum of `h` i.i.d. normal days.
    static func normal(mean: [Double], factor: Matrix, horizon h: Int, factorScale: Double = 1) -> AffineMap {
        let s = factorScale * Double(h).squareRoot()
        return AffineMap(mean: mean.map { $0 * Double(h) }, factor: factor.storage.map { $0 * s })
    }
}

extension ScenarioLaw {
    public var isSymmetric: Bool { true }
    public func validate() throws {}
    public func horizonTreatment(_ h: Int) -> String {
        "sum of \(h) daily draws"
    }
}
