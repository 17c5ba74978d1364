/// Why a tree cannot be a model. Signing treats these as bad input; verifying treats them
/// as a rejection, since the tree on disk is the artefact under test.
public enum TreeProblem: Error, Equatable, Sendable {
    case specialFile(path: String, kind: String)
    case linkEscapes(path: String, target: String)
    case invalidName(path: String, reason: String)
    case normalizationCollision(String, String)

    public var description: String {
        switch self {
        case let .specialFile(path, kind):
            return "\(path) is a \(kind); a model may hold only regular files, directories and symlinks"
        case let .linkEscapes(path, target):
            return "symlink \(path) -> \(target) leads outside the model"
        case let .invalidName(path, reason):
            return "\(path) has \(reason) in its name"
        case let .normalizationCollision(first, second):
            return "\"\(first)\" and \"\(second)\" differ only by Unicode normalisation"
        }
    }
}
