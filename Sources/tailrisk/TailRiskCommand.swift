import ArgumentParser

@main
struct TailRiskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tailrisk",
        abstract: "Monte Carlo VaR, Expected Shortfall and collateral haircuts from price histories.",
        version: "0.1.0",
        subcommands: []
    )
}
