import ArgumentParser

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// How results are printed, and where files go.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    @Option(help: "Directory for summary.json and the CSV files the notebooks plot.")
    var out: String?
}
