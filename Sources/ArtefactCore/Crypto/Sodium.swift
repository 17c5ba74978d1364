import CSodium

/// libsodium must be initialised once before use; `sodium_init` is idempotent and
/// thread-safe, so every entry point that touches libsodium calls `Sodium.ready()`.
enum Sodium {
    static let initialised: Bool = sodium_init() >= 0

    static func ready() throws {
        guard initialised else { throw ArtefactError.operational("libsodium failed to initialise") }
    }
}
