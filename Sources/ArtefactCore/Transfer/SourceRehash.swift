/// Reads and hashes one source file without writing it anywhere: what a transfer does
/// for a file whose blob the destination store already holds. A source is accepted only
/// when every signed byte of it was read and matched, whether or not it needed copying.
enum SourceRehash {
    static func check(_ source: any ByteSource, modelPath: String, size: Int64, expected: FileDigest,
                      hashing: HashingParameters, worker: CopyWorker, progress: HashProgress? = nil) throws {
        var tracker = DigestTracker(expected: expected, hashing: hashing, size: size, worker: worker)
        var offset: Int64 = 0
        progress?.started(modelPath)
        try source.stream(from: 0, reader: worker.reader) { chunk in
            try Interruption.check()
            guard offset + Int64(chunk.count) <= size else {
                throw ArtefactError.rejected("\(modelPath) is longer than its signed size \(size)")
            }
            tracker.add(chunk)
            offset += Int64(chunk.count)
            progress?.add(chunk.count)
            FaultInjection.reach("hash", amount: Int64(chunk.count))
        }
        guard offset == size else { throw ArtefactError.rejected("\(modelPath) is shorter than its signed size \(size)") }
        guard tracker.finish().1 else { throw ArtefactError.rejected("\(modelPath) does not match its signed digest") }
        progress?.finished(modelPath)
    }
}
