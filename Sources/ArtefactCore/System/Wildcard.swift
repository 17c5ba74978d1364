import Glibc

/// Shell wildcard matching (`*`, `?`, `[...]`), as the C library does it.
public enum Wildcard {
    /// `fnmatch(3)`: whether `subject` matches `pattern`. With `slashesAreSeparators`
    /// (`FNM_PATHNAME`), a wildcard never matches a `/`.
    public static func matches(_ pattern: String, _ subject: String, slashesAreSeparators: Bool = false) -> Bool {
        fnmatch(pattern, subject, slashesAreSeparators ? FNM_PATHNAME : 0) == 0
    }
}
