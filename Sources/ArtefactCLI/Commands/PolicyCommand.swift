import ArtefactCore

/// `artefact policy check`: validate a policy file and show what it trusts.
enum PolicyCommand: Command {
    static let name = "policy"
    static let summary = "check a policy file and show what it trusts (policy check FILE)"
    static let help = """
    Usage: artefact policy check POLICY.json [--json]

    Validates a policy file (see Docs/POLICY.md) and prints its environment, clearance,
    signers, audit key and rules. Warns about rules that can never apply because an earlier rule's
    models glob covers theirs, and about certificate signers with no identity pattern.
    Exit 0 when the policy is valid, 2 when it is not.

      --json   print the policy as JSON

    """
    static let subcommands = ["check"]
    static let flags = FlagSpec(boolean: ["--json"])

    static func run(_ arguments: ScannedArguments) throws -> Int32 {
        guard arguments.positionals.first == "check" else {
            throw ArtefactError.usage("'policy' takes the subcommand 'check': artefact policy check POLICY.json")
        }
        guard arguments.positionals.count == 2 else {
            throw ArtefactError.usage("'policy check' takes one POLICY.json; see 'artefact policy --help'")
        }
        let path = arguments.positionals[1]
        let policy = try TrustPolicyParser.read(path: path)
        let warnings = self.warnings(policy)
        if arguments.has("--json") {
            Console.outJSON(json(policy, warnings: warnings), ok: true)
        } else {
            Console.out(text(policy))
            for warning in warnings { Console.error("artefact: warning: \(warning)\n") }
        }
        return ExitStatus.success
    }

    static func warnings(_ policy: TrustPolicy) -> [String] {
        var warnings = policy.shadowedRules.map { shadowed, earlier in
            "\(shadowed.label) can never apply: \(earlier.label) comes first and matches every model it matches"
        }
        for signer in policy.signers {
            if case .authority(_, identity: nil) = signer.trust {
                warnings.append("signer \(signer.name) has no identity pattern: any code-signing certificate under its CA is trusted")
            }
        }
        return warnings
    }

    private static func text(_ policy: TrustPolicy) -> TerminalText {
        var text: TerminalText = "policy for environment \"\(policy.environment)\" (\(policy.sourcePath ?? "ad hoc")): "
            + "clearance \(policy.clearance?.rawValue ?? "(no limit)")\nsigners:\n"
        for signer in policy.signers {
            switch signer.trust {
            case .key(let key):
                text += "  \(signer.name): key \(key.keyID)\n"
            case .ecKey(let key):
                text += "  \(signer.name): EC \(key.curve.displayName) key \(key.keyID) (verifies OMS bundles)\n"
            case let .authority(authority, identity):
                text += "  \(signer.name): certificates under \(authority.roots.map { "\"\($0.subject)\"" }.joined(separator: ", "))\n"
                text += "    identity: \(identity.map { "\"\($0)\"" } ?? "(any)")\n"
                if let lists = authority.revocationLists {
                    for list in lists { text += "    CRL from \"\(list.issuer)\", next update \(list.nextUpdate)\n" }
                } else {
                    text += "    revocation: not checked (no crl)\n"
                }
            }
        }
        text += "audit key: " + (policy.auditKey.map { "\($0.key.keyID) (\($0.keyFile)): stores under this policy sign their crossing log's checkpoints with it" }
            ?? "none anchored (audit verify needs --audit-key for a store that signs checkpoints)") + "\n"
        text += "rules (the first whose models glob matches the signed name applies; none matching rejects):\n"
        for rule in policy.rules {
            let formats = BundleFormat.allCases.filter(rule.formats.contains).map(\.rawValue).joined(separator: ", ")
            let formatNote: String = rule.formats == BundleFormat.ruleDefault ? "" : ", formats " + formats
            let ageNote = rule.maxAgeDays.map { ", signatures at most \($0) day(s) old" } ?? ""
            text += "  \(rule.number). \"\(rule.models)\": \(rule.threshold) of \(rule.signers.joined(separator: ", "))\(ageNote)\(formatNote)\n"
        }
        return text
    }

    private static func json(_ policy: TrustPolicy, warnings: [String]) -> JSONValue {
        jsonObject([
            ("valid", .bool(true)),
            ("file", policy.sourcePath.map(JSONValue.string) ?? .null),
            ("environment", .string(policy.environment)),
            ("clearance", policy.clearance.map { .string($0.rawValue) } ?? .null),
            ("signers", .array(policy.signers.map { signer in
                switch signer.trust {
                case .key(let key):
                    return jsonObject([("name", .string(signer.name)), ("kind", .string("key")), ("keyid", .string(key.keyID)),
                                       ("keyId", .string(key.keyID))])
                case .ecKey(let key):
                    return jsonObject([("name", .string(signer.name)), ("kind", .string("key")), ("keyid", .string(key.keyID)),
                                       ("keyId", .string(key.keyID)), ("keyType", .string(KeyKind(curve: key.curve).rawValue))])
                case let .authority(authority, identity):
                    return jsonObject([
                        ("name", .string(signer.name)), ("kind", .string("ca")),
                        ("roots", .array(authority.roots.map { .string($0.subject) })),
                        ("identity", identity.map { .string($0.pattern) } ?? .null),
                        ("crls", authority.revocationLists.map { lists in
                            .array(lists.map { jsonObject([("issuer", .string($0.issuer)), ("nextUpdate", $0.nextUpdateRFC3339.map(JSONValue.string) ?? .null)]) })
                        } ?? .null),
                    ])
                }
            })),
            ("rules", .array(policy.rules.map { rule in
                jsonObject([("number", .integer(rule.number)), ("models", .string(rule.models.pattern)),
                            ("signers", .array(rule.signers.map(JSONValue.string))), ("threshold", .integer(rule.threshold)),
                            ("max_age_days", rule.maxAgeDays.map(JSONValue.integer) ?? .null),
                            ("maxAgeDays", rule.maxAgeDays.map(JSONValue.integer) ?? .null),
                            ("formats", .array(BundleFormat.allCases.filter(rule.formats.contains).map { .string($0.rawValue) }))])
            })),
            ("auditKey", policy.auditKey.map {
                jsonObject([("keyid", .string($0.key.keyID)), ("keyId", .string($0.key.keyID)), ("file", .string($0.keyFile))])
            } ?? .null),
            ("warnings", .array(warnings.map(JSONValue.string))),
        ])
    }
}
