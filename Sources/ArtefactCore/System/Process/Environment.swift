import Glibc

/// The process environment, read through one place so the CLI and the rest of the
/// library never call `getenv(3)` themselves. Secrets are copied straight into
/// `SecretBytes` without passing through a `String`.
public enum Environment {
    /// `getenv(name)` as text; nil when unset or empty.
    public static func value(_ name: String) -> String? {
        guard let raw = getenv(name), raw.pointee != 0 else { return nil }
        return String(cString: raw)
    }

    /// Whether `name` is set at all, even to the empty string.
    public static func isSet(_ name: String) -> Bool {
        getenv(name) != nil
    }

    /// `getenv(name)` copied into secure memory; nil when unset or empty.
    public static func secret(_ name: String) throws -> SecretBytes? {
        guard let raw = getenv(name) else { return nil }
        let length = strlen(raw)
        guard length > 0 else { return nil }
        return try SecretBytes(copying: UnsafeRawBufferPointer(start: raw, count: length))
    }
}
