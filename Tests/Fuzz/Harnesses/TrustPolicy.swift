import Glibc
@testable import ArtefactCore

/// Where the policies under test live: `FUZZ_POLICY_DIR` when `scripts/fuzz.sh` has put
/// key, CA and CRL files there, otherwise a fresh directory holding one public key, so
/// that the files a policy names can resolve.
let policyDirectory: String = {
    if let given = getenv("FUZZ_POLICY_DIR") { return String(cString: given) }
    var template = Array("/tmp/artefact-fuzz-policy-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { fatalError("mkdtemp failed") }
    let directory = String(cString: made)
    let key = try! SigningKey.generate().publicKey.pem
    try! AtomicFile.write(key, to: directory + "/signer.pub")
    return directory
}()

/// Policy parsing never traps on any bytes, whatever files the policy names.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTrustPolicy(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    _ = try? TrustPolicyParser.parse(Fuzz.bytes(data, size), path: policyDirectory + "/policy.json")
    return 0
}
