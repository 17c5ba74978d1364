import ArtefactCore

/// Where a `--key` value reads its PEM from: `env:VAR` (an environment variable, so CI
/// secrets never touch the disk), `-` (standard input), or else a file path. A file whose
/// name starts with `env:` is reached as `./env:NAME`.
enum KeyArgument {
    /// The largest key accepted from any source, as for key files.
    static let limit = 1 << 20

    /// The PEM bytes `argument` names, and how to name their source in messages.
    static func pem(_ argument: String) throws -> (pem: [UInt8], source: String) {
        if argument == "-" {
            return (try standardInput(), "standard input")
        }
        if argument.hasPrefix("env:") {
            let name = String(argument.dropFirst(4))
            return (try environment(name), "environment variable \(name)")
        }
        return (try FileSystem.readFile(argument, limit: limit), argument)
    }

    /// Fails, as a usage error and before anything is read, when the `--key` values are
    /// malformed: `env:` without a name, or `-` more than once (standard input can be read
    /// only once).
    static func checkForm(_ arguments: [String]) throws {
        if arguments.contains("env:") {
            throw ArtefactError.usage("--key env: needs a variable name, as in --key env:ARTEFACT_KEY")
        }
        if arguments.filter({ $0 == "-" }).count > 1 {
            throw ArtefactError.usage("--key - was given more than once; standard input holds one key, give the others as files or env:VAR")
        }
    }

    private static func environment(_ name: String) throws -> [UInt8] {
        try checkForm(["env:" + name])
        let environment = CommandContext.current.environment
        guard environment.isSet(name) else {
            throw ArtefactError.badInput("--key env:\(name): the environment variable \(name) is not set; put the PEM key in it, or give a key file")
        }
        guard let value = environment.value(name) else {
            throw ArtefactError.badInput("--key env:\(name): the environment variable \(name) is empty; put the PEM key in it, or give a key file")
        }
        guard value.utf8.count <= limit else {
            throw ArtefactError.badInput("--key env:\(name): the environment variable \(name) holds more than \(limit) bytes, too many for a key")
        }
        return Array(value.utf8)
    }

    private static func standardInput() throws -> [UInt8] {
        var bytes = try CommandContext.current.standardInput ?? StandardInputReader.readAll(limit: limit)
        guard bytes.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }) else {
            wipe(&bytes)
            throw ArtefactError.badInput("--key -: standard input was empty; pipe the PEM key in, as in: artefact ... --key - < KEY")
        }
        return bytes
    }
}
