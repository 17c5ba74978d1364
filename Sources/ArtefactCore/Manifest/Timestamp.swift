/// A moment in UTC, to the second, written as RFC 3339 `YYYY-MM-DDTHH:MM:SSZ`.
public struct Timestamp: Comparable, Hashable, Sendable, CustomStringConvertible {
    public let secondsSinceEpoch: Int64

    public init(secondsSinceEpoch: Int64) { self.secondsSinceEpoch = secondsSinceEpoch }

    public static var now: Timestamp { Timestamp(secondsSinceEpoch: CalendarTime.nowSecondsSinceEpoch) }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.secondsSinceEpoch < rhs.secondsSinceEpoch }

    /// The moments RFC 3339's four-digit years can name: 0000-01-01T00:00:00Z to
    /// 9999-12-31T23:59:59Z. Nothing outside is ever parsed or made, so a timestamp always
    /// prints as one that parses back, and differences of two never overflow.
    public static let earliest = Timestamp(secondsSinceEpoch: -62_167_219_200)
    public static let latest = Timestamp(secondsSinceEpoch: 253_402_300_799)

    /// The moment `seconds` later, or nil when it would fall outside `earliest...latest`.
    public func adding(seconds: Int64) -> Timestamp? {
        let (sum, overflow) = secondsSinceEpoch.addingReportingOverflow(seconds)
        guard !overflow else { return nil }
        return Timestamp(checked: sum)
    }

    /// `secondsSinceEpoch`, or nil when outside `earliest...latest`.
    public init?(checked secondsSinceEpoch: Int64) {
        guard (Self.earliest.secondsSinceEpoch...Self.latest.secondsSinceEpoch).contains(secondsSinceEpoch) else { return nil }
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    public var description: String {
        let parts = CalendarTime(secondsSinceEpoch: secondsSinceEpoch)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2))T"
            + "\(pad(parts.hour, 2)):\(pad(parts.minute, 2)):\(pad(parts.second, 2))Z"
    }

    /// Parses RFC 3339 (`2026-01-01T00:00:00Z`, fractions and `+HH:MM` offsets allowed) or a
    /// plain date (`2026-01-01`, meaning midnight UTC). Nil for anything else.
    public init?(rfc3339 text: String) {
        let bytes = Array(text.utf8)
        func number(_ start: Int, _ count: Int) -> Int32? {
            guard start + count <= bytes.count else { return nil }
            var value: Int32 = 0
            for byte in bytes[start..<start + count] {
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int32(byte - 48)
            }
            return value
        }
        func character(_ index: Int, _ options: String) -> Bool {
            index < bytes.count && options.utf8.contains(bytes[index])
        }
        guard let year = number(0, 4), character(4, "-"), let month = number(5, 2), character(7, "-"),
              let day = number(8, 2), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var parts = CalendarTime(year: year, month: month, day: day)
        var offsetSeconds: Int64 = 0
        if bytes.count > 10 {
            guard character(10, "Tt "), let hour = number(11, 2), character(13, ":"), let minute = number(14, 2),
                  character(16, ":"), let second = number(17, 2), hour < 24, minute < 60, second < 61
            else { return nil }
            parts.hour = hour
            parts.minute = minute
            parts.second = second
            var index = 19
            if character(index, ".") {
                index += 1
                let start = index
                while index < bytes.count, bytes[index] >= 48 && bytes[index] <= 57 { index += 1 }
                guard index > start else { return nil }
            }
            if character(index, "Zz") && index + 1 == bytes.count {
                offsetSeconds = 0
            } else if character(index, "+-"), let offsetHours = number(index + 1, 2), character(index + 3, ":"),
                      let offsetMinutes = number(index + 4, 2), index + 6 == bytes.count {
                let sign: Int64 = bytes[index] == UInt8(ascii: "-") ? -1 : 1
                offsetSeconds = sign * (Int64(offsetHours) * 3600 + Int64(offsetMinutes) * 60)
            } else {
                return nil
            }
        }
        let (seconds, normalised) = parts.normalised()
        // timegm normalises 31 February into March; refuse dates it had to move.
        guard normalised.day == day, normalised.month == month else { return nil }
        // An offset can carry 9999-12-31T23:59:59-01:00 past the last writable moment.
        guard let moment = Timestamp(checked: seconds - offsetSeconds) else { return nil }
        self = moment
    }

    /// Parses a duration such as `90d`, `12h`, `2w`, `30m` or `45s` into seconds.
    public static func parseDuration(_ text: String) -> Int64? {
        guard let unit = text.last, let count = Int64(text.dropLast()), count > 0 else { return nil }
        let scale: Int64
        switch unit {
        case "s": scale = 1
        case "m": scale = 60
        case "h": scale = 3600
        case "d": scale = 86_400
        case "w": scale = 7 * 86_400
        default: return nil
        }
        let (seconds, overflow) = count.multipliedReportingOverflow(by: scale)
        return overflow ? nil : seconds
    }
}
