/// The moment a request is signed, as SigV4 writes it: `x-amz-date` is `YYYYMMDDTHHMMSSZ`
/// (UTC) and the credential scope starts with its first eight characters.
struct SigV4Timestamp: Sendable, Equatable {
    /// `YYYYMMDDTHHMMSSZ`.
    let amzDate: String

    init(secondsSinceEpoch: Int64) {
        let time = CalendarTime(secondsSinceEpoch: secondsSinceEpoch)
        func digits(_ value: Int32, _ count: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, count - text.count)) + text
        }
        amzDate = digits(time.year, 4) + digits(time.month, 2) + digits(time.day, 2) + "T"
            + digits(time.hour, 2) + digits(time.minute, 2) + digits(time.second, 2) + "Z"
    }

    /// The clock now.
    static var now: SigV4Timestamp { SigV4Timestamp(secondsSinceEpoch: CalendarTime.nowSecondsSinceEpoch) }

    /// `YYYYMMDD`, the date of the credential scope.
    var dateStamp: String { String(amzDate.prefix(8)) }
}
