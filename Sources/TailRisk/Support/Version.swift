/// The version recorded in every output's provenance.
public enum TailRiskVersion {
    public static let string = "0.1.0"
}
