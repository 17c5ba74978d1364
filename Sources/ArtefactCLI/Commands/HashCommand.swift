import ArtefactCore

/// `artefact hash`: the digests `sign` would sign, without signing.
enum HashCommand: Command {
    static let name = "hash"
    static let summary = "print every file's SHA-256 and the model digest"
    static let help = """
    Usage: artefact hash PATH [--json] [--shard-size BYTES] [--jobs N] [--ignore PATTERN]... [--quiet] [--verbose]

    Prints one line per file, '<sha256>  <relative path>', in the format 'sha256sum -c'
    accepts when run inside PATH, then the model digest on a '#' comment line. It leaves
    out what 'sign' leaves out: .git/, PATH/model.sig, and each --ignore PATTERN.
    In shard mode a sharded file's line carries the SHA-256 of its shard digests, which
    'sha256sum -c' cannot check; use files mode (the default) for that.

      --json              print a JSON document instead (see Docs/CLI.md)
      --shard-size BYTES  hash files larger than BYTES as shards (K, M, G suffixes allowed)
      --jobs N            hash on N threads (default: the number of processors)
      --ignore PATTERN    leave out paths matching PATTERN (repeatable)
      --quiet             no progress on stderr
      --verbose           also a line on stderr for every file hashed

    """
    static let flags = FlagSpec(valued: ["--shard-size", "--jobs"], boolean: ["--json", "--quiet", "--verbose"], repeatable: ["--ignore"])

    static func run(_ arguments: ScannedArguments) throws -> Int32 {
        let path = try arguments.singlePositional(named: "a model PATH", command: name)
        let location = try ModelLocation(modelPath: path, signaturePath: nil)
        let hashing = try ArgumentValues.shardSize(arguments.value("--shard-size"))
        let jobs = try ArgumentValues.jobs(arguments.value("--jobs"))
        let ignore = try IgnoreRules(patterns: location.ignorePatterns(adding: arguments.all("--ignore")))
        let hasher = ModelHasher(ignore: ignore, hashing: hashing, jobs: jobs)
        let tree: ScannedTree
        do { tree = try hasher.scan(location.modelPath) } catch let problem as TreeProblem {
            throw ArtefactError.badInput("cannot hash \(path): \(problem.description)")
        }
        let contents = try withProgress(label: "hashing", options: ProgressOptions(arguments)) { progress in
            try hasher.hash(tree, progress: progress(tree))
        }
        let digest = ModelDigest.compute(contents, parameters: hashing)
        if arguments.has("--json") {
            Console.outJSON(jsonObject([
                ("path", .string(location.modelPath)),
                ("modelDigest", .string(digest.prefixed)),
                ("hashing", jsonObject([
                    ("algorithm", .string(HashingParameters.algorithm)),
                    ("mode", .string(hashing.modeName)),
                    ("shardSize", hashing.shardSize.map(JSONValue.integer) ?? .null),
                    ("jobs", .integer(jobs)),
                ])),
                ("ignore", .array(ignore.patterns.map(JSONValue.string))),
                ("totalBytes", .integer(contents.totalBytes)),
                ("files", .array(contents.files.map(\.json))),
                ("symlinks", .array(contents.symlinks.map(\.json))),
            ]), ok: true)
        } else {
            var text: TerminalText = ""
            for file in contents.files { text += checksumLine(digest: file.digest.combined.hex, path: file.path) }
            text += "# model digest: \(digest.prefixed)\n"
            Console.out(text)
        }
        return ExitStatus.success
    }

    /// A `sha256sum` line. Like sha256sum, a name with a backslash gets a leading
    /// backslash and its backslashes doubled (control characters never reach here).
    static func checksumLine(digest: String, path: String) -> TerminalText {
        guard path.contains("\\") else { return "\(digest)  \(path)\n" }
        return "\\\(digest)  \(String(path.flatMap { $0 == "\\" ? ["\\", "\\"] : [$0] }))\n"
    }
}
