import ArtefactCore

/// Character replacement for generated scripts and roff, which ArtefactCLI writes without Foundation.
extension String {
    /// Every occurrence of `target` replaced, without Foundation.
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
