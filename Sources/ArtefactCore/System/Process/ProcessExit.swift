import Glibc

/// Ends the process with `status` (`exit(3)`), so the executable's `main.swift` needs no
/// C module of its own.
public func exitProcess(_ status: Int32) -> Never {
    exit(status)
}
