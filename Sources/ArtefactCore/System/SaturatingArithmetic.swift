extension Int64 {
    /// `self + other`, held at `Int64.max` (or `.min`) instead of trapping. For running
    /// totals of sizes a signed payload claims, which only count and report: the sizes
    /// themselves are checked against the bytes where it matters.
    public func addingSaturated(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        guard overflow else { return sum }
        return other > 0 ? .max : .min
    }
}
