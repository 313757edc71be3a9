/// Whole historical days resampled uniformly with replacement (the
/// "bootstrap" law): scenario returns are rows of the `T × d` history, an
/// `h`-step scenario the sum of `h` drawn days. Keeps each day's cross-asset
/// dependence and fat tails; no mean, covariance or filter.
/// - Complexity: `h` index draws and `h·d` additions per scenario.
public struct BootstrapLaw: ScenarioLaw {
    /// Number of days to draw from.
    public let days: Int
    public let dimension: Int
    /// The history in row-major order (`days × d`).
    let rows: [Double]

    /// - Parameter history: daily log returns, `T × d`.
    public init(history: Matrix) {
        days = history.rows
        dimension = history.cols
        var rows = [Double](repeating: 0, count: history.rows * history.cols)
        for i in 0..<history.rows { for j in 0..<history.cols { rows[i * history.cols + j] = history[i, j] } }
        self.rows = rows
    }

    public var name: String { "bootstrap" }
    public var isSymmetric: Bool { false }
    public func affine(horizon: Int) -> AffineMap? { nil }

    public func draw(horizon: Int, rng: inout Xoshiro256PlusPlus, into out: UnsafeMutablePointer<Double>,
                     scratch: UnsafeMutablePointer<Double>) {
        let d = dimension
        rows.withUnsafeBufferPointer { hp in
            for s in 0..<horizon {
                let day = hp.baseAddress! + rng.nextIndex(below: days) * d
                if s == 0 {
                    for k in 0..<d { out[k] = day[k] }
                } else {
                    for k in 0..<d { out[k] += day[k] }
                }
            }
        }
    }

    public func validate() throws {
        guard days >= 1 else {
            throw TailRiskError.insufficientData(message: "bootstrap needs at least one day of returns")
        }
        guard rows.allSatisfy(\.isFinite) else {
            throw TailRiskError.numerical(message: "the bootstrap history holds a non-finite return")
        }
    }
}

extension BootstrapLaw {
    /// The registry entry of `bootstrap` (`InnovationLaw.bootstrap`).
    public static let entry = LawEntry(
        name: "bootstrap", methodID: "monte-carlo-bootstrap", summary: "whole historical days",
        readsMean: false, drawsHistory: true,
        make: { _ in .bootstrap },
        fit: { _, x in BootstrapLaw(history: x.history) })
}
