/// How much of an XML document `XMLReader` takes before it refuses it, so that a hostile
/// server cannot make artefact hold unbounded memory or recurse without end.
struct XMLLimits: Sendable {
    /// The whole document.
    var bytes = 8 << 20
    /// Elements nested in one another (S3's responses nest four deep).
    var depth = 32
    /// Elements in the document (a listing page of 1,000 objects holds about 10,000).
    var elements = 100_000

    init() {}
}
