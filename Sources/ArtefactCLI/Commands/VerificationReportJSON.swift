import ArtefactCore

/// The `verify --json` document (see `Docs/CLI.md`).
enum VerificationReportJSON {
    static func encode(_ report: VerificationReport) -> JSONValue {
        jsonObject([
            ("verified", .bool(report.accepted)),
            ("path", .string(report.modelPath)),
            ("bundle", .string(report.bundlePath)),
            ("policy", jsonObject([("environment", .string(report.policyEnvironment)),
                                   ("file", report.policyFile.map(JSONValue.string) ?? .null)])),
            ("format", .string(report.format.rawValue)),
            ("model", report.manifest.map(ManifestSummaryJSON.encode) ?? report.omsStatement.map(OMSSummaryJSON.encode) ?? .null),
            ("signers", .array(report.signerKeyIDs.map(JSONValue.string))),
            ("trustedSigners", .array(report.signers.map { signer in
                jsonObject([("keyid", .string(signer.keyID)), ("keyId", .string(signer.keyID)),
                            ("policySigners", .array(signer.policySigners.map(JSONValue.string))),
                            ("certificateSubject", signer.certificateSubject.map(JSONValue.string))])
            })),
            ("checks", .array(report.checks.map { check in
                .object([("check", .string(check.name.rawValue)), ("result", .string(check.outcome.rawValue)),
                         ("reason", .string(check.reason))] + (check.detail?.jsonMembers ?? []))
            })),
        ])
    }
}
