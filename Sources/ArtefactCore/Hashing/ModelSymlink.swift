/// One symbolic link of a model, recorded as a link with its target, never followed.
public struct ModelSymlink: Equatable, Sendable {
    public let path: String
    public let target: String

    public init(path: String, target: String) {
        self.path = path
        self.target = target
    }
}
