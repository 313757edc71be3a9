import ArgumentParser
import TailRisk

/// The flags of haircut's own policy settings (the basket, the debt and the
/// protocol's parameters); the model, law, engine, levels and horizon come from
/// the shared option groups. Every value is optional so that a flag overrides
/// the policy file only when given.
struct HaircutOptions: ParsableArguments {
    @Option(help: "Policy file (YAML, keys named like the flags); flags override it.")
    var policy: String?

    @Option(help: "Collateral quantities in units, e.g. BTC=10,ETH=120,LINK=5000.")
    var collateral: String?

    @Option(help: "Debt as ASSET=AMOUNT in units of the debt asset, e.g. USDC=250000 (or an AMOUNT with --debt-asset, as a policy's debt: key).")
    var debt: String?

    @Option(name: .customLong("debt-asset"), help: "Asset the debt is owed in (a column: returns relative to it; else the currency).")
    var debtAsset: String?

    @Option(help: "Price currency of the file (default USD).")
    var currency: String?

    @Option(name: .customLong("horizon-method"), help: "simulate (sum of h daily draws) or sqrt (1-step figure × √h).")
    var horizonMethod: String?

    @Option(help: "Risk measure of a haircut: es or var (default es).")
    var measure: String?

    @Option(name: .customLong("liquidation-bonus"), help: "Liquidation bonus β in [0, 1): 0.05 or 5% (default 5%).",
            transform: NumberParsing.fractionTransform("--liquidation-bonus"))
    var liquidationBonus: Double?

    @Option(name: .customLong("ltv-buffer"), help: "Gap between liquidation threshold and LTV (default 0.05).",
            transform: NumberParsing.fractionTransform("--ltv-buffer"))
    var ltvBuffer: Double?

    @Option(name: .customLong("diversification-credit"), help: "Share κ of the diversification offset credited (default 0.8).",
            transform: NumberParsing.fractionTransform("--diversification-credit"))
    var diversificationCredit: Double?

    @Option(help: "CSV asset,adv,spread for the liquidity add-on σ√(q/ADV) + spread/2.")
    var liquidity: String?

    @Option(help: "Minimum haircuts per asset, e.g. BTC=0.1,ETH=0.12 (repeatable).")
    var floor: [String] = []

    @Option(name: .customLong("stress-window"), help: "Stressed calibration window FROM:TO (ISO dates).")
    var stressWindow: String?

    @Option(name: .customLong("stress-weight"), help: "Weight w of the stressed covariance (default 0.25 with a window; EMIR: ≥ 0.25).",
            transform: NumberParsing.fractionTransform("--stress-weight"))
    var stressWeight: Double?

    @Flag(help: "Also tabulate every asset's standalone haircut over horizons 1, 2, 5, 10 and confidences 0.99, 0.995.")
    var grid = false

    /// Writes the flags given onto `p` (the policy file's settings or the defaults).
    func overlay(on p: inout HaircutPolicy) throws {
        if let collateral {
            p.collateral = try PositionSpec.parse(collateral, parameter: .collateral).entries
                .map { HaircutPolicy.Position(asset: $0.asset, quantity: $0.amount) }
        }
        if let debtAsset { p.debtAsset = debtAsset }
        if let debt, let amount = DecimalText.number(debt) {
            // A bare amount, as a policy file writes it (debt: 250000, debt-asset: USDC).
            guard p.debtAsset != nil else { throw CLIError("--debt: \(debt) needs --debt-asset, or give ASSET=AMOUNT") }
            p.debtAmount = amount
        } else if let debt {
            let spec = try PositionSpec.parse(debt, parameter: .debt)
            guard spec.assets.count == 1 else { throw CLIError("--debt: give one ASSET=AMOUNT, e.g. USDC=250000") }
            if let debtAsset, debtAsset != spec.assets[0] {
                throw CLIError("--debt: \(spec.assets[0]) differs from --debt-asset \(debtAsset)")
            }
            p.debtAsset = spec.assets[0]
            p.debtAmount = spec.amounts[0]
        }
        if let currency { p.currency = currency }
        if let horizonMethod {
            guard let m = HaircutPolicy.HorizonMethod(rawValue: horizonMethod) else {
                throw CLIError("--horizon-method: '\(horizonMethod)' is not one of simulate, sqrt")
            }
            p.horizonMethod = m
        }
        if let measure {
            guard let m = HaircutPolicy.Measure(rawValue: measure) else { throw CLIError("--measure: '\(measure)' is not one of es, var") }
            p.measure = m
        }
        if let liquidationBonus { p.liquidationBonus = liquidationBonus }
        if let ltvBuffer { p.ltvBuffer = ltvBuffer }
        if let diversificationCredit { p.diversificationCredit = diversificationCredit }
        if let liquidity { p.liquidity = liquidity }
        for text in floor {
            for (asset, value) in try PositionSpec.parse(text, parameter: .floor).entries { p.floors[asset] = value }
        }
        if let stressWindow { p.stressWindow = try HaircutPolicy.StressWindow(parsing: stressWindow) }
        if let stressWeight { p.stressWeight = stressWeight }
    }
}
