/// Decrypts an encrypted OpenSSH private key by asking ssh-keygen, since its KDF
/// (bcrypt_pbkdf) is in neither OpenSSL nor libsodium and artefact writes no primitive
/// itself. The key is copied into a private directory (0700, in memory where /dev/shm
/// exists), and `ssh-keygen -p -N '' -f COPY` removes the passphrase from the copy. The
/// old passphrase never reaches an argv: ssh-keygen asks an askpass helper in that
/// directory (SSH_ASKPASS_REQUIRE=force), a shell script whose `printf` builtin prints it
/// from the environment ssh-keygen alone was given. The decrypted copy is read, then
/// overwritten with zeros and unlinked, with the helper and the directory.
enum OpenSSHKeyDecryption {
    /// Where ssh-keygen is looked for, in order: fixed paths, never PATH, so a directory on
    /// PATH cannot put another program between artefact and the passphrase.
    static let candidates = ["/usr/bin/ssh-keygen", "/usr/local/bin/ssh-keygen", "/bin/ssh-keygen"]
    static let passphraseVariable = "ARTEFACT_ASKPASS_PASSPHRASE"
    static let helper = Array("#!/bin/sh\nprintf '%s\\n' \"$\(passphraseVariable)\"\n".utf8)
    static let deadlineSeconds = 60

    /// The key file without its passphrase. The caller wipes the returned bytes.
    static func decrypt(_ bytes: [UInt8], source: String, passphrase: SecretBytes) throws -> [UInt8] {
        guard let sshKeygen = candidates.first(where: { ChildProcess.isExecutable($0) }) else {
            throw ArtefactError.badInput("\(source) is an encrypted OpenSSH private key, and artefact decrypts those with ssh-keygen, "
                + "which is not installed (Debian: openssh-client); or import a decrypted copy (ssh-keygen -p -N '' -f COPY)")
        }
        var environmentEntry = try passphraseEntry(passphrase, source: source)
        defer { wipe(&environmentEntry) }
        let scratch: PrivateScratchDirectory
        do { scratch = try PrivateScratchDirectory() } catch {
            throw ArtefactError.operational("cannot make a private directory to decrypt \(source) in: \(error)")
        }
        defer { scratch.remove() }
        let outcome: ChildProcess.Outcome
        do {
            try helper.withUnsafeBytes { try scratch.write("askpass", $0, mode: 0o700) }
            try bytes.withUnsafeBytes { try scratch.write("key", $0, mode: 0o600) }
            let plain = ["PATH=/usr/bin:/bin", "LC_ALL=C", "SSH_ASKPASS=\(scratch.path(of: "askpass"))", "SSH_ASKPASS_REQUIRE=force"]
            outcome = try ChildProcess.run(sshKeygen, arguments: ["-p", "-N", "", "-f", scratch.path(of: "key")],
                                           environment: plain.map { Array($0.utf8) } + [environmentEntry], deadlineSeconds: deadlineSeconds)
        } catch let error as ArtefactError {
            throw ArtefactError.operational("could not decrypt \(source) with ssh-keygen: \(error.message.replacing(scratch.path, with: "<private directory>"))")
        } catch {
            throw ArtefactError.operational("could not decrypt \(source) with ssh-keygen")
        }
        guard outcome.exitCode == 0 else {
            let said = String(decoding: outcome.standardError, as: UTF8.self)
            if said.contains("incorrect passphrase") {
                throw ArtefactError.badInput("\(source) (an encrypted OpenSSH private key): wrong passphrase")
            }
            let line = said.split(separator: "\n").last.map(String.init)?.replacing(scratch.path(of: "key"), with: source) ?? ""
            let ending = outcome.exitCode.map { "exited \($0)" } ?? "was stopped after \(deadlineSeconds) s or by a signal"
            throw ArtefactError.badInput("ssh-keygen could not decrypt \(source) (it \(ending)): "
                + String(String.UnicodeScalarView(line.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7f }).prefix(200)))
        }
        do { return try scratch.read("key", limit: KeyImport.fileLimit) } catch {
            throw ArtefactError.operational("could not read the key ssh-keygen decrypted from \(source)")
        }
    }

    /// "ARTEFACT_ASKPASS_PASSPHRASE=..." for the child's environment only. A passphrase
    /// with a NUL or a line break cannot pass through askpass, so it is refused.
    private static func passphraseEntry(_ passphrase: SecretBytes, source: String) throws -> [UInt8] {
        try passphrase.withUnsafeBytes { bytes in
            guard !bytes.contains(0), !bytes.contains(UInt8(ascii: "\n")), !bytes.contains(UInt8(ascii: "\r")) else {
                throw ArtefactError.badInput("the passphrase for \(source) holds a line break or a NUL, which ssh-keygen cannot be given")
            }
            let name = Array("\(passphraseVariable)=".utf8)
            var entry: [UInt8] = []
            entry.reserveCapacity(name.count + bytes.count)  // one buffer, so no unwiped copy is left behind
            entry.append(contentsOf: name)
            entry.append(contentsOf: bytes)
            return entry
        }
    }
}
