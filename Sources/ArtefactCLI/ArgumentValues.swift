import ArtefactCore

/// Parsers for the values of common flags, each failing with a message that names the flag.
enum ArgumentValues {
    /// `--jobs N`: a whole number from 1 to 256; the online processor count by default.
    static func jobs(_ text: String?) throws -> Int {
        guard let text else { return onlineProcessorCount }
        guard let jobs = Int(text), (1...256).contains(jobs) else {
            throw ArtefactError.usage("--jobs takes a whole number from 1 to 256, not \"\(text)\"")
        }
        return jobs
    }

    /// `--shard-size BYTES`: bytes, with an optional K, M or G (binary) suffix.
    static func shardSize(_ text: String?) throws -> HashingParameters {
        guard let text else { return .files }
        guard let bytes = byteCount(text) else {
            throw ArtefactError.usage("--shard-size takes a size in bytes such as 1073741824 or 1G, not \"\(text)\"")
        }
        do { return try HashingParameters(shardSize: bytes) } catch let error as ArtefactError {
            throw ArtefactError.usage("--shard-size \(text): \(error.message); give 1M or more")
        }
    }

    static func byteCount(_ text: String) -> Int64? {
        let scales: [Character: Int64] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40]
        var digits = Substring(text)
        var scale: Int64 = 1
        if let last = digits.last?.uppercased().first, let unit = scales[last] {
            scale = unit
            digits = digits.dropLast()
        }
        guard let count = Int64(digits), count > 0 else { return nil }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: scale)
        return overflow ? nil : bytes
    }

    /// `--expires`: an RFC 3339 time, a date, or a duration from `now` such as `90d`.
    static func expiry(_ text: String?, now: Timestamp) throws -> Timestamp? {
        guard let text else { return nil }
        if let seconds = Timestamp.parseDuration(text) {
            guard let expiry = now.adding(seconds: seconds) else {
                throw ArtefactError.usage("--expires \(text) ends after \(Timestamp.latest), the latest time a bundle can hold; give a shorter duration")
            }
            return expiry
        }
        // Digits and a unit that still gave no duration: too many seconds to count.
        if let digits = text.dropLast().wholeMatch(of: #/[0-9]+/#), "smhdw".contains(text.last ?? " "),
           Int64(digits.output).map({ $0 > 0 }) ?? true {
            throw ArtefactError.usage("--expires \(text) ends after \(Timestamp.latest), the latest time a bundle can hold; give a shorter duration")
        }
        if let time = Timestamp(rfc3339: text) { return time }
        throw ArtefactError.usage("--expires takes a date (2027-01-31), a UTC time (2027-01-31T12:00:00Z) or a duration (90d, 12h, 2w), not \"\(text)\"")
    }

    /// `--classification LEVEL`: one of the levels; internal by default.
    static func classification(_ text: String?) throws -> Classification {
        guard let text else { return .internal }
        guard let level = Classification(rawValue: text) else {
            let levels = Classification.allCases.map(\.rawValue).joined(separator: ", ")
            throw ArtefactError.usage("unknown classification \"\(text)\": --classification takes one of \(levels)")
        }
        return level
    }

    /// `--at` (or `flag`, named in the message): a UTC time, RFC 3339; now by default.
    static func moment(_ text: String?, flag: String = "--at") throws -> Timestamp {
        guard let text else { return .now }
        guard let time = Timestamp(rfc3339: text) else {
            throw ArtefactError.usage("\(flag) takes a UTC time such as 2026-01-01T00:00:00Z, not \"\(text)\"")
        }
        return time
    }
}
