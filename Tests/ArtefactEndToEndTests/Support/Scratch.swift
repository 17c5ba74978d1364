import Foundation

/// A temporary directory for one test, removed when the value is released.
final class Scratch {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("artefact-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }

    func write(_ relative: String, _ text: String) throws {
        try write(relative, Data(text.utf8))
    }

    func write(_ relative: String, _ data: Data) throws {
        let target = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: target)
    }

    func read(_ relative: String) throws -> Data { try Data(contentsOf: url.appendingPathComponent(relative)) }

    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }

    /// A small model: JSON files, a nested folder, an empty file, a weights file of
    /// `weightBytes` deterministic pseudo-random bytes, and an in-model symlink.
    func makeModel(_ relative: String = "model", weightBytes: Int = 256 * 1024) throws -> String {
        try write("\(relative)/config.json", #"{"architecture":"tiny","layers":2}"#)
        try write("\(relative)/tokenizer/vocab.json", #"{"a":0,"b":1}"#)
        try write("\(relative)/tokenizer/merges.txt", "a b\n")
        try write("\(relative)/empty.txt", Data())
        var generator = SplitMix64(seed: 42)
        var weights = Data(count: weightBytes)
        weights.withUnsafeMutableBytes { raw in
            for index in 0..<raw.count { raw[index] = UInt8(truncatingIfNeeded: generator.next()) }
        }
        try write("\(relative)/weights/model.safetensors", weights)
        try FileManager.default.createSymbolicLink(atPath: path("\(relative)/latest.json"), withDestinationPath: "config.json")
        return path(relative)
    }
}

/// A tiny deterministic generator, so test models are the same on every run.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
