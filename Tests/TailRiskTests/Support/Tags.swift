import Testing

/// Tags for running part of the suite (`swift test --skip tag:realData`); CLITests declares the same.
extension Tag {
    /// Reads the real price histories in `../shared/data` (skipped, with a message, where absent).
    @Tag static var realData: Self
}
