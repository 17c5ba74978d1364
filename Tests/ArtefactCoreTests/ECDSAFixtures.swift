import ArtefactCore
import Testing

/// Keys and signatures made once with the openssl command line (`openssl genpkey -algorithm
/// EC`, `openssl dgst -shaN -sign`) over the message "artefact known answer".
enum ECDSAFixtures {
    struct KnownAnswer: Sendable, CustomTestStringConvertible {
        let curve: ECCurve
        let publicKeyPEM: String
        /// Signed with the curve's digest.
        let signatureHex: String
        /// Signed with SHA-256 instead, for the curves whose digest is another.
        let sha256SignatureHex: String?
        var testDescription: String { curve.displayName }
    }

    static let knownAnswers = [
        KnownAnswer(curve: .p256, publicKeyPEM: """
            -----BEGIN PUBLIC KEY-----
            MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEB9XDVwO5DYfg0eB3XNPqMQVT3nKu
            10l6e8nToBoyyx+DOl+HIXs9LgR5ShZSrPvTK2rwoi1ea1Gwk0pQHMhp+Q==
            -----END PUBLIC KEY-----

            """,
            signatureHex: "3045022100c00ed7403030a95ca011fd121b1d1c7d0f9f430e3c2873dce06248c98f7e5918022022f3e502dc6ecf2e003d6130cd21ceb73a413e8de30eda5aae8b8a43cca8ccbc",
            sha256SignatureHex: nil),
        KnownAnswer(curve: .p384, publicKeyPEM: """
            -----BEGIN PUBLIC KEY-----
            MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAEoJBuKYJ+xpT/S3gRKCFBfwQG4yHBrnpT
            dRzONgbYI6U+5h3kAkzOxU7KMor7SLmzMSt6biH67Yjf8XshHZ266uwbrISpoOa+
            y69K8tG9sGm4v5yIIxJLCUAm57V5sMGY
            -----END PUBLIC KEY-----

            """,
            signatureHex: "3065023100aaa52edc0a0b16e7f09838e063c450595022c68c6bff48e492207a276a7cbbb4c72aeb8925560b7f55cc7abbfedc018202300af5dbb3350bf6c1a5c96c45f3fdb3c020cf9edf1855c9b23097fe04801ea121be6a442c56575fe099be8616cce9957a",
            sha256SignatureHex: "306402304a28cef5086f1131066d1fbb95554e99c48637ca50b8fe4fe238233ca634337d1e8ca25f24f473eeac09b97b8e5d25b502307db174428e628092e07f547635269808fc9976fef7f45688787c1589b16abd76f31967153ef9a9310963047238b44de4"),
        KnownAnswer(curve: .p521, publicKeyPEM: """
            -----BEGIN PUBLIC KEY-----
            MIGbMBAGByqGSM49AgEGBSuBBAAjA4GGAAQAkgRQRo7zKy32d9mQjox80lLaJLrO
            RH5OQ150DzwJuURJOXbN+CZxZarZ0GZuQYnNtdnFS9COEcyMmbXxb2yOd44AKmel
            yxXJ/dAwf+MFaYwO9ebFpMoja6oDfEGuCshAE7jSXLB7mvW+JfkIF47dR6cEW+CG
            UU+n12+KyvkHpsjZHVY=
            -----END PUBLIC KEY-----

            """,
            signatureHex: "30818702410e77601207b7ee78657c476183a0c03cd8d567814ed9faf8bd14109a0707d113e5098d0676d0002702e49fc8b75f241613af0ac97355db75ef29379d8544c4c7d10242019a540d4877afd2d8bd2de3f9380959704811bae626eb3c3e5a6cdfddca9811b2567bb724d7861ff27b7df99104cedce446934a729a69911ffbf6b5381c20564435",
            sha256SignatureHex: "30818702413a3226becb7b18ff671dc9af43afb9c38d9ce96484640230f9003497190986fd4aa6b488ac9e538e437ec98044690b9da199b4bd1dc6f634daeedf4af943c62562024200ec8a1065cd8aef09f181575127ae5f233defd2fbe7f8a408d493f72e2eb436e9c009e702d4e87b67be029ff743124c82138c652b8fe1ea7218a6f1c8e80ed519b9"),
    ]

    /// The P-256 key above with its point compressed (`openssl pkey -ec_conv_form compressed`).
    static let compressedP256 = """
        -----BEGIN PUBLIC KEY-----
        MDkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDIgADB9XDVwO5DYfg0eB3XNPqMQVT3nKu
        10l6e8nToBoyyx8=
        -----END PUBLIC KEY-----

        """

    /// A key on secp256k1, a curve artefact does not use.
    static let secp256k1 = """
        -----BEGIN PUBLIC KEY-----
        MFYwEAYHKoZIzj0CAQYFK4EEAAoDQgAEHjEKvwfwNEcarET7RSMhEQMYsjqAxoao
        /KJwNOsh5Gz3o+3N+uGW0+jVgHvd4ds1veRDZ2Szn7YtMzTVXXchfg==
        -----END PUBLIC KEY-----

        """

    /// A P-256 key in SEC 1 form (`openssl ecparam -genkey -noout`), and its public key.
    static let sec1PrivateKey = """
        -----BEGIN EC PRIVATE KEY-----
        MHcCAQEEIOZgCAIY3sQK8COJP+lawc43VxY+HhCY0eiE1uaZrVrmoAoGCCqGSM49
        AwEHoUQDQgAE5Zzxx2aY3LK5VUIdgb7x0XZAt5pPnN1YeAoe4ode4aHzMb2HGIhY
        FmfkOlmQJXV/N2UdLoMHh63nX3tY++Hb1Q==
        -----END EC PRIVATE KEY-----

        """
    static let sec1PublicKey = """
        -----BEGIN PUBLIC KEY-----
        MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE5Zzxx2aY3LK5VUIdgb7x0XZAt5pP
        nN1YeAoe4ode4aHzMb2HGIhYFmfkOlmQJXV/N2UdLoMHh63nX3tY++Hb1Q==
        -----END PUBLIC KEY-----

        """

    /// The same key encrypted in OpenSSL's legacy PEM format (`openssl ec -aes256`,
    /// passphrase "legacy").
    static let legacyEncryptedPrivateKey = """
        -----BEGIN EC PRIVATE KEY-----
        Proc-Type: 4,ENCRYPTED
        DEK-Info: AES-256-CBC,8AD3AAAB597A3E66DFA92CB5EE55E998

        n/2+kB9HkyI/6lKykMY+Wc9LQ+EP7+t6j4aJW8fn9BZU5c/sYZ5rhYL1HUlkyOFc
        2jp+7bk688BOfF9EKKuw3OuE7JnUbzjow/s6UtugFuH24N7fyLxiWZN1Y8ZGAhP2
        a+95wlJs7isy9OwfbZQvNNw3J1zF4Et/3muz3EUeAKU=
        -----END EC PRIVATE KEY-----

        """
}
