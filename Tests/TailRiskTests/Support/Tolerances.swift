/// The tolerances the tests compare numbers with, each with why it is that size (issue 22: one
/// place instead of epsilons repeated across files). Use the named one that states the reason for
/// the difference; a test needing another bound says why next to it.
enum Tolerances {
    /// Relative difference between two computations of the same quantity that add or multiply the
    /// same terms in another order (a weighted sum against the allocation it came from, a product
    /// formed two ways). Each double operation rounds by at most u = 1.1e-16; sums of up to ~10⁴
    /// terms of one sign stay within n·u ≈ 1e-12.
    static let reassociation = 1e-12

    /// Relative difference between the library and a reference value written by another program
    /// (NumPy, SciPy, `arch`, R): different algorithms for the same formula (quantile
    /// interpolation, lgamma, an optimiser's last step) agree to about 1e-12; 1e-9 leaves margin and
    /// is still far below any difference a wrong formula makes.
    static let fixture = 1e-9

    /// How many standard errors a Monte Carlo estimate may lie from its exact value: under a
    /// normal sampling error one check fails by chance with probability 6e-5 at k = 4 (seeded
    /// runs make each outcome reproducible, so a failure is a real change, not noise).
    static let monteCarloStandardErrors = 4.0

    /// Whether `a` and `b` agree to `relative` of `max(1, |b|)` (absolute near zero).
    static func close(_ a: Double, _ b: Double, relative: Double) -> Bool {
        abs(a - b) <= relative * max(1, abs(b))
    }
}
