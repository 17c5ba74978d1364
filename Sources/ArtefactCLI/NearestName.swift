/// The known name closest to a mistyped one, for "did you mean" hints on unknown verbs,
/// subcommands and flags.
enum NearestName {
    /// The candidate within a small edit distance of `typed` (1, or 2 for names of six
    /// letters or more, not counting a flag's dashes; ties by order), or nil when nothing
    /// is near enough to be a likely typo.
    static func nearest(to typed: String, among candidates: [String]) -> String? {
        let letters = typed.drop { $0 == "-" }.count
        let limit = letters >= 6 ? 2 : 1
        let scored = candidates.map { (name: $0, distance: editDistance(typed, $0)) }.filter { $0.distance <= limit }
        return scored.min { $0.distance < $1.distance }?.name
    }

    /// " (did you mean 'NAME'?)" when a candidate is near, else "".
    static func hint(for typed: String, among candidates: [String]) -> String {
        nearest(to: typed, among: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// Edit distance over characters where an insertion, a deletion, a substitution or a
    /// swap of two neighbours each count 1 (optimal string alignment): "--kye" is one
    /// edit from "--key", as a typist would count it.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
