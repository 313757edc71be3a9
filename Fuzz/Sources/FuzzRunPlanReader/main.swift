import FuzzSupport
import TailRisk

/// The run-plan reader (`tailrisk run FILE`) on arbitrary bytes: UTF-8, the size and
/// nesting limits, YAML (Yams over libyaml), shared keys, the `analyses:` list with each
/// analysis's name, command and keys, and the run file one analysis amounts to.
/// A thrown error is the expected answer to bad input; only crashes, hangs and
/// running out of memory are findings.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzRunPlanReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let commands = ["backtest", "cov", "haircut", "simulate", "stress", "var"]
    if let plan = try? RunPlan.parse(fuzzBytes(data, size), source: "fuzz.yaml", commands: commands) {
        for analysis in plan.analyses { _ = plan.runFile(for: analysis) { $0.count % 2 == 0 } }
    }
    return 0
}

fuzzMain(fuzzRunPlanReader)
