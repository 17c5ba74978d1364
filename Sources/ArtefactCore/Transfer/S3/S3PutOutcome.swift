/// What a create-only write found: it created the object, or one was there already
/// (`If-None-Match: *` failed with 412), which the caller then checks.
enum S3PutOutcome: Sendable, Equatable {
    case created
    case alreadyExists
}
