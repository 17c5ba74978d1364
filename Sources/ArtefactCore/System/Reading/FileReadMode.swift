/// How `FileReader` takes bytes out of the page cache. `ARTEFACT_READ_MODE=pread` forces
/// `.copied`, as a benchmark and diagnostic switch (scripts/bench.sh measures both ways in
/// one run); unset, or any other value, gives `.mapped`.
public enum FileReadMode: Sendable {
    /// `mmap(2)` windows, read in place; `pread(2)` where a file cannot be mapped.
    case mapped
    /// `pread(2)` into a buffer: one more copy, but nothing mapped.
    case copied

    /// The mode this process runs with.
    public static let current: FileReadMode = Environment.value("ARTEFACT_READ_MODE") == "pread" ? .copied : .mapped
}
