import Testing

/// Tags for running part of the suite (`swift test --filter tag:cli`, `--skip tag:realData`).
extension Tag {
    /// Runs the built `tailrisk` binary.
    @Tag static var cli: Self
    /// Reads the real price histories in `../shared/data` (skipped, with a message, where absent).
    @Tag static var realData: Self
}
