import Foundation

/// Finds keys that occur twice in one JSON object. `JSONSerialization` keeps
/// the last of duplicate keys silently, so duplicates need their own scan;
/// this one walks the text (strings with escapes, nesting) and records each
/// object's keys. Returns `path.key` for every repeat.
enum JSONKeyCheck {
    static func duplicateKeys(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        var i = 0
        var duplicates: [String] = []
        func skipSpace() { while i < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 } }
        func string() -> String {
            // At the opening quote.
            i += 1
            var out: [UInt8] = []
            while i < bytes.count, bytes[i] != 0x22 {
                if bytes[i] == 0x5C { out.append(bytes[i]); i += 1 }
                if i < bytes.count { out.append(bytes[i]); i += 1 }
            }
            i += 1
            return String(decoding: out, as: UTF8.self)
        }
        func value(_ path: String) {
            skipSpace()
            guard i < bytes.count else { return }
            switch bytes[i] {
            case 0x7B:  // {
                i += 1
                var seen = Set<String>()
                while true {
                    skipSpace()
                    if i >= bytes.count { return }
                    if bytes[i] == 0x7D { i += 1; return }
                    if bytes[i] == 0x2C { i += 1; continue }
                    let key = string()
                    if !seen.insert(key).inserted { duplicates.append(path.isEmpty ? key : "\(path).\(key)") }
                    skipSpace()
                    i += 1  // :
                    value(path.isEmpty ? key : "\(path).\(key)")
                }
            case 0x5B:  // [
                i += 1
                var k = 0
                while true {
                    skipSpace()
                    if i >= bytes.count { return }
                    if bytes[i] == 0x5D { i += 1; return }
                    if bytes[i] == 0x2C { i += 1; continue }
                    value("\(path)[\(k)]")
                    k += 1
                }
            case 0x22: _ = string()
            default:
                while i < bytes.count, ![0x2C, 0x7D, 0x5D, 0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 }
            }
        }
        value("")
        return duplicates
    }
}
