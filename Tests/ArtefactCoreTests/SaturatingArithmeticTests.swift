import ArtefactCore
import Testing

@Suite struct SaturatingArithmeticTests {
    @Test func sumsHoldAtTheLimitsInsteadOfTrapping() {
        #expect(Int64.max.addingSaturated(1) == .max)
        #expect((Int64.max - 1).addingSaturated(Int64.max) == .max)
        #expect(Int64.min.addingSaturated(-1) == .min)
        #expect(Int64(40).addingSaturated(2) == 42)
        let files = [ModelFile(path: "a", size: .max, digest: .shards([])), ModelFile(path: "b", size: .max, digest: .shards([]))]
        #expect(ModelContents(files: files, symlinks: []).totalBytes == .max)
    }
}
