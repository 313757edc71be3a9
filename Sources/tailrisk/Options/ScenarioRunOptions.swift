import ArgumentParser
import TailRisk

/// The option groups `var`, `simulate` and `haircut` (and through it `stress`)
/// share, in the order their help lists them: levels, horizon, model, law,
/// engine and output. Nested groups are flattened, so the flags and the help
/// are those of the six groups declared one by one.
struct ScenarioRunOptions: ParsableArguments {
    @OptionGroup var levels: LevelOptions
    @OptionGroup var horizon: HorizonOptions
    @OptionGroup var model: ModelOptions
    @OptionGroup var law: LawOptions
    @OptionGroup var engine: EngineOptions
    @OptionGroup var output: OutputOptions
}
