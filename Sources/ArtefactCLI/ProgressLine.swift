/// One progress line: `LABEL 42% 1.2 GiB of 2.9 GiB, 85.0 MiB/s, ETA 0:21, FILE`. Before
/// the total is known it shows the bytes done and the rate only.
struct ProgressLine {
    /// The fewest columns worth giving the current file; with less room it is left out.
    static let minimumFileColumns = 8
    let label: String
    let done: Int64
    let total: Int64
    let elapsed: Double
    let file: String?

    /// The line in less than `columns` columns (the last one stays free, so a terminal
    /// never wraps before the line is cleared): the current file is shortened in the
    /// middle (`MiddleEllipsis`); where even the figures do not fit, the file goes and the
    /// figures are cut at the end.
    func text(columns: Int) -> TerminalText {
        let room = max(1, columns - 1)
        let figures = self.figures
        let fileRoom = room - DisplayWidth.columns(of: figures) - 2
        if let file, fileRoom >= Self.minimumFileColumns {
            return .verbatim(figures + ", " + MiddleEllipsis.fit(file, columns: fileRoom))
        }
        return .verbatim(DisplayWidth.prefix(figures, columns: room))
    }

    /// The label, the percentage, the bytes, the rate and the time left: ours, in ASCII but
    /// for the label, which is ours too.
    private var figures: String {
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        var line = TerminalText.escape(label)
        if total > 0 {
            let percent = min(100, Int(Double(done) * 100 / Double(total)))
            line += " \(percent)% \(Self.format(bytes: done)) of \(Self.format(bytes: total))"
        } else {
            line += " \(Self.format(bytes: done))"
        }
        line += ", \(Self.format(bytes: Int64(rate)))/s"
        if total > 0, rate > 0 {
            line += ", ETA \(Self.format(seconds: Double(max(0, total - done)) / rate))"
        }
        return line
    }

    static func format(bytes: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 { value /= 1024; unit += 1 }
        let rounded = (value * 10).rounded() / 10
        return unit == 0 ? "\(bytes) B" : "\(rounded) \(units[unit])"
    }

    /// `M:SS`, or `H:MM:SS` from an hour.
    static func format(seconds: Double) -> String {
        let whole = seconds.isFinite ? Int(min(seconds.rounded(.up), 359_999)) : 359_999
        let (hours, minutes, secs) = (whole / 3600, whole / 60 % 60, whole % 60)
        let twoDigits = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return hours > 0 ? "\(hours):\(twoDigits(minutes)):\(twoDigits(secs))" : "\(minutes):\(twoDigits(secs))"
    }
}
