import Foundation

extension MergeCommand {
    /// Refuses an `--out` that is one of the shard directories, contains one or lies
    /// inside one: the merge replaces `--out` as a set, which would remove a shard
    /// (`merge S/s1 S/s2 --out S/s1` used to replace shard 1 with the merged files).
    /// Paths are compared after resolving symbolic links and `.`/`..` (`canonical`).
    static func checkOutput(_ out: String, apartFrom shards: [String]) throws {
        let target = canonical(out)
        for dir in shards {
            let shard = canonical(dir)
            let relation: String
            if target == shard {
                relation = "is the shard directory \(dir)"
            } else if shard.starts(with: target) {
                relation = "contains the shard directory \(dir)"
            } else if target.starts(with: shard) {
                relation = "lies inside the shard directory \(dir)"
            } else {
                continue
            }
            throw CLIError("--out: \(out) \(relation), which merge would replace or change; give a directory apart from the shards")
        }
    }

    /// The components of `path` made absolute: its longest existing prefix resolved by
    /// `realpath` (links, `.`, `..`), the rest normalized as text.
    /// - Complexity: one `realpath` per missing trailing component.
    static func canonical(_ path: String) -> [String] {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var head = absolute.split(separator: "/").map(String.init)
        var rest: [String] = []
        while true {
            if let real = try? POSIXFiles.realPath("/" + head.joined(separator: "/")) {
                return normalized(real.split(separator: "/").map(String.init) + rest)
            }
            guard let last = head.popLast() else { return normalized(rest) }
            rest.insert(last, at: 0)
        }
    }

    /// `.` dropped and `..` applied to the component before it.
    private static func normalized(_ components: [String]) -> [String] {
        var out: [String] = []
        for c in components where c != "." && !c.isEmpty {
            if c == ".." { _ = out.popLast() } else { out.append(c) }
        }
        return out
    }
}
