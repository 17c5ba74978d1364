/// The rules for paths inside a model (see `Docs/FORMAT.md`, "Paths").
///
/// A path is relative, uses `/` separators, and has no empty, `.` or `..` component, so
/// it can never name anything outside the model. Control characters (C0, DEL and C1) are
/// refused too, which keeps `hash` output safe for `sha256sum -c` and for terminals.
public enum ModelPath {
    /// The longest path or link target Linux can take (`PATH_MAX` less its NUL), and the
    /// longest name (`NAME_MAX`): a signed path beyond them could not exist on disk.
    public static let maximumPathBytes = 4095
    public static let maximumComponentBytes = 255

    /// Why `path` is not a valid model path, or nil when it is.
    public static func problem(with path: String) -> String? {
        if path.isEmpty { return "an empty path" }
        if path.utf8.count > maximumPathBytes { return "more than \(maximumPathBytes) bytes" }
        if path.hasPrefix("/") { return "an absolute path" }
        for scalar in path.unicodeScalars where isControl(scalar) {
            return scalar.value == 0 ? "a NUL byte" : "a control character"
        }
        for component in path.split(separator: "/", omittingEmptySubsequences: false) {
            switch component {
            case "": return "an empty path component"
            case ".", "..": return "a '\(component)' component"
            default: if component.utf8.count > maximumComponentBytes { return "a component longer than \(maximumComponentBytes) bytes" }
            }
        }
        return nil
    }

    /// C0 controls, DEL and C1 controls: characters no path or link target may hold.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7f...0x9f).contains(scalar.value)
    }

    /// `text` with every control character written as `\u{XX}`, so a message can name a
    /// hostile path without handing its bytes to a terminal.
    public static func printable(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) { result += "\\u{\(String(scalar.value, radix: 16))}" } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }

    /// The canonical order: bytewise comparison of the UTF-8 encodings.
    public static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }

    /// Whether `target`, read as a link target of the link at `linkPath`, stays inside the
    /// model when resolved lexically from the link's directory.
    public static func linkStaysInside(linkPath: String, target: String) -> Bool {
        if target.isEmpty || target.hasPrefix("/") { return false }
        var stack = linkPath.split(separator: "/").dropLast().map(String.init)
        for component in target.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..":
                if stack.isEmpty { return false }
                stack.removeLast()
            default: stack.append(String(component))
            }
        }
        return true
    }
}
