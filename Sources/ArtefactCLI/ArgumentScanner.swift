import ArtefactCore

/// A command's arguments after scanning: positionals in order, flag values by name.
/// Flags are scanned by hand; nothing here reads the environment or `UserDefaults`.
struct ScannedArguments {
    private(set) var positionals: [String] = []
    private var values: [String: [String]] = [:]
    private var flags: Set<String> = []

    init(_ arguments: [String], spec: FlagSpec, command: String) throws {
        var index = 0
        var flagsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if flagsEnded || !argument.hasPrefix("-") || argument == "-" {
                positionals.append(argument)
                continue
            }
            if argument == "--" { flagsEnded = true; continue }
            var name = argument
            var inlineValue: String?
            if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            if spec.boolean.contains(name) && inlineValue == nil {
                flags.insert(name == "-h" ? "--help" : name)
            } else if spec.valued.contains(name) {
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else {
                    guard index < arguments.count else {
                        throw ArtefactError.usage("\(name) needs a value; see 'artefact \(command) --help'")
                    }
                    value = arguments[index]
                    index += 1
                }
                if values[name] != nil && !spec.repeatable.contains(name) {
                    throw ArtefactError.usage("\(name) was given twice; give it once")
                }
                values[name, default: []].append(value)
            } else {
                let hint = NearestName.hint(for: name, among: (spec.valued.union(spec.boolean)).subtracting(["-h"]).sorted())
                throw ArtefactError.usage("unknown flag \(name) for '\(command)'\(hint); see 'artefact \(command) --help'")
            }
        }
    }

    func has(_ flag: String) -> Bool { flags.contains(flag) }

    /// Fails naming the first given flag that `subcommand` does not take.
    func allowOnly(_ allowed: Set<String>, subcommand: String) throws {
        let given = flags.subtracting(["--help"]).union(values.keys)
        if let stray = given.sorted().first(where: { !allowed.contains($0) }) {
            throw ArtefactError.usage("\(stray) does not apply to '\(subcommand)'; see 'artefact \(subcommand.split(separator: " ")[0]) --help'")
        }
    }
    func value(_ flag: String) -> String? { values[flag]?.last }
    func all(_ flag: String) -> [String] { values[flag] ?? [] }

    /// The one positional argument a command takes, or a usage error naming it.
    func singlePositional(named name: String, command: String) throws -> String {
        guard positionals.count == 1 else {
            if positionals.isEmpty {
                throw ArtefactError.usage("'\(command)' needs \(name); see 'artefact \(command) --help'")
            }
            throw ArtefactError.usage("'\(command)' takes one \(name), but got \(positionals.count) arguments: \(positionals.joined(separator: " "))")
        }
        return positionals[0]
    }
}
