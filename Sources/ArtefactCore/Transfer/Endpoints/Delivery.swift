/// What a destination did with a verified model.
struct Delivery {
    let reason: String
    var copied = CopyTotals()
    var alreadyPresent = false
    /// Where the bundle ended up, for an export.
    var exportedBundle: String?
}
