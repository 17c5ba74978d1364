/// What a destination decided before any byte moved.
struct Admission {
    /// The version to record (stores), and the higher one a policy-allowed downgrade left.
    var version: ModelVersion?
    var downgradedFrom: ModelVersion?
    /// The destination holds this exact model already: the source is still read and hashed.
    var alreadyPresent = false
}
