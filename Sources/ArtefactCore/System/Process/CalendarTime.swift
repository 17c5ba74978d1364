import Glibc

/// A moment broken down into its UTC calendar date and time of day (month 1-12, day 1-31),
/// converted to and from seconds since the epoch by the C library.
public struct CalendarTime: Equatable, Sendable {
    public var year: Int32
    public var month: Int32
    public var day: Int32
    public var hour: Int32 = 0
    public var minute: Int32 = 0
    public var second: Int32 = 0

    public init(year: Int32, month: Int32, day: Int32, hour: Int32 = 0, minute: Int32 = 0, second: Int32 = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// `gmtime_r(3)`.
    public init(secondsSinceEpoch: Int64) {
        var seconds = time_t(secondsSinceEpoch)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        self.init(year: parts.tm_year + 1900, month: parts.tm_mon + 1, day: parts.tm_mday,
                  hour: parts.tm_hour, minute: parts.tm_min, second: parts.tm_sec)
    }

    /// `timegm(3)`: the seconds since the epoch, and the date the C library normalised this
    /// one to (31 February comes back as 3 March), so a caller can refuse dates it moved.
    public func normalised() -> (secondsSinceEpoch: Int64, time: CalendarTime) {
        var parts = tm()
        parts.tm_year = year - 1900
        parts.tm_mon = month - 1
        parts.tm_mday = day
        parts.tm_hour = hour
        parts.tm_min = minute
        parts.tm_sec = second
        let seconds = timegm(&parts)
        return (Int64(seconds), CalendarTime(year: parts.tm_year + 1900, month: parts.tm_mon + 1, day: parts.tm_mday,
                                             hour: parts.tm_hour, minute: parts.tm_min, second: parts.tm_sec))
    }

    /// `time(2)`: seconds since the epoch now.
    public static var nowSecondsSinceEpoch: Int64 { Int64(time(nil)) }
}
