import Foundation
#if MPI
import CMPI
#endif

/// The processes one run spans: Open MPI's ranks when built with the MPI trait
/// (`swift build --traits MPI`, `make mpi`) and started under `mpirun`, else
/// this process alone (rank 0 of 1). design.md "Beyond one machine".
public enum Cluster {
    #if MPI
    /// Initializes MPI (once); call before anything else, on the main thread.
    public static func start() throws {
        guard tailrisk_mpi_init() == 0 else { throw TailRiskError.numerical(message: "MPI_Init failed") }
    }
    /// This process's rank.
    public static var rank: Int { Int(tailrisk_mpi_rank()) }
    /// The number of ranks.
    public static var size: Int { Int(tailrisk_mpi_size()) }
    /// Ends MPI (once), after the last collective call.
    public static func finish() { _ = tailrisk_mpi_finalize() }
    /// The backend of a command's engine runs: the units split across ranks.
    public static var backend: any EngineBackend { size > 1 ? MPIBackend() as any EngineBackend : ThreadBackend() }
    /// Whether the build has the MPI backend.
    public static let hasMPI = true
    #else
    public static func start() throws {}
    public static var rank: Int { 0 }
    public static var size: Int { 1 }
    public static func finish() {}
    public static var backend: any EngineBackend { ThreadBackend() }
    public static let hasMPI = false
    #endif

    /// Whether this process writes and prints (rank 0).
    public static var isRoot: Bool { rank == 0 }
}

#if MPI
/// The units of each round split across the MPI ranks, their accumulators
/// gathered to every rank and merged in rank order.
///
/// Rank `r` of `p` evaluates units `[⌊r·U/p⌋, ⌊(r+1)·U/p⌋)` of the round's
/// `U` on its own threads (`ThreadBackend`), encodes its accumulator
/// (`TailAccumulator.encoded()`, a fixed-size tail of 16-byte entries) and
/// all ranks exchange them (`MPI_Allgather` of the sizes, `MPI_Allgatherv`
/// of the bytes). Every rank merges the same accumulators, so every rank
/// holds the merged tail, estimates the same and decides the next
/// `targetPrecision` round alike (the allgather stands for gather at rank 0
/// plus its broadcast); rank 0 alone prints and writes. A kernel mismatch
/// between ranks is refused by `merge`.
///
/// Runs started off the main thread (the backtest's days, run in parallel)
/// must not issue collective calls from several threads: each rank evaluates
/// them whole, on its own threads, the same result on every rank.
/// - Complexity: the round's work divided by `p`, plus an exchange of `p`
///   accumulators of `16·capacity·(1 + assets)` bytes.
public struct MPIBackend: EngineBackend {
    public init() {}

    public func evaluate(_ plan: SimulationPlan, units: Range<Int>,
                         progress: (@Sendable (Int, Int) -> Void)?) throws -> TailAccumulator {
        guard Thread.isMainThread else { return try ThreadBackend().evaluate(plan, units: units, progress: progress) }
        let p = Cluster.size, r = Cluster.rank
        let mine = MonteCarloEngine.shardUnits(r + 1, of: p, units: units.count)
        let part = try ThreadBackend().evaluate(plan, units: (units.lowerBound + mine.lowerBound)..<(units.lowerBound + mine.upperBound),
                                                progress: nil)
        let bytes = part.encoded()
        guard bytes.count < Int(Int32.max) else {
            throw TailRiskError.invalidParameter(.scenarios, message: "a rank's tail (\(bytes.count) bytes) exceeds one MPI message")
        }
        var sizes = [Int64](repeating: 0, count: p)
        guard tailrisk_mpi_allgather_i64(Int64(bytes.count), &sizes) == 0 else {
            throw TailRiskError.numerical(message: "MPI_Allgather of the tail sizes failed")
        }
        let counts = sizes.map { Int32($0) }
        var displacements = [Int32](repeating: 0, count: p)
        for i in 1..<max(p, 1) { displacements[i] = displacements[i - 1] + counts[i - 1] }
        let total = Int(sizes.reduce(0, +))
        guard total < Int(Int32.max) else {
            throw TailRiskError.invalidParameter(.scenarios, message: "the gathered tails (\(total) bytes) exceed one MPI message")
        }
        var all = [UInt8](repeating: 0, count: max(total, 1))
        let status = bytes.withUnsafeBufferPointer { b in
            tailrisk_mpi_allgatherv_bytes(b.baseAddress, Int32(bytes.count), &all, counts, displacements)
        }
        guard status == 0 else { throw TailRiskError.numerical(message: "MPI_Allgatherv of the tails failed") }
        var merged = plan.emptyAccumulator()
        for i in 0..<p {
            let slice = Array(all[Int(displacements[i])..<(Int(displacements[i]) + Int(counts[i]))])
            try merged.merge(TailAccumulator(encoded: slice))
        }
        progress?(merged.scenarios, merged.scenarios)
        return merged
    }
}
#endif
