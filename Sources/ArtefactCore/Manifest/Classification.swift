/// How sensitive a model is. The order matters: a model may enter an environment only if
/// its classification is at or below that environment's clearance.
public enum Classification: String, CaseIterable, Comparable, Sendable {
    case `public`
    case `internal`
    case confidential
    case restricted

    public static func < (lhs: Classification, rhs: Classification) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    public static var namesInOrder: String { allCases.map(\.rawValue).joined(separator: " < ") }

    public static func parse(_ text: String) throws -> Classification {
        guard let level = Classification(rawValue: text) else {
            throw ArtefactError.badInput("unknown classification \"\(text)\"; use one of \(namesInOrder)")
        }
        return level
    }
}
