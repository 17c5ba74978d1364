import ArtefactCore

/// Which flags a command takes: those with a value, those without, and which may repeat.
struct FlagSpec {
    var valued: Set<String> = []
    var boolean: Set<String> = []
    var repeatable: Set<String> = []

    init(valued: Set<String> = [], boolean: Set<String> = [], repeatable: Set<String> = []) {
        self.valued = valued.union(repeatable)
        self.boolean = boolean.union(["--help", "-h"])
        self.repeatable = repeatable
    }
}
