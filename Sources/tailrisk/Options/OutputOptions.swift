import ArgumentParser

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// How results are printed, and where files go.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    @Option(help: ArgumentHelp(
        "Directory for summary.json and the CSV files the notebooks plot.",
        discussion: "Written as a set: it ends with all of this run's files or, if the run fails or is killed, what it held before. "
            + "It must be new, empty or written by tailrisk before (its .tailrisk file lists the files tailrisk may replace)."))
    var out: String?
}
