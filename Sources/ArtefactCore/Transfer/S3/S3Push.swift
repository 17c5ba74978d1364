/// Pushes a stored model version to a prefix in object storage: `PREFIX/<relative path>`
/// for every signed file (symlinks are not objects: the signed manifest records them and a
/// pull or export recreates them), then `PREFIX/model.sig` last, so a prefix without its
/// bundle is visibly incomplete.
///
/// It plans before it changes anything: a prefix that holds anything but this model's
/// objects (another bundle, an object of another size or content at one of its keys, a
/// key that is not one of its files) is refused, naming the key, with nothing written. A
/// prefix that holds this whole model already is a no-op. Every object is then created
/// with `If-None-Match: *`; a key someone wrote meanwhile is accepted only if it holds our
/// bytes. Files at or above the multipart threshold go up in parts (`S3MultipartUpload`).
struct S3Push {
    let access: S3Access
    let client: S3Client
    let store: ModelStore
    let workers: Int
    /// Counts each object's bytes as they stream (and those found there), for a progress line.
    var progress: HashProgress? = nil

    struct Totals {
        var bytesSent: Int64 = 0
        var bytesReused: Int64 = 0
        var filesReused = 0
        var alreadyPresent = false
    }

    func push(_ stored: StoredModel, manifest: ModelManifest, bundleBytes: [UInt8]) throws -> Totals {
        let location = access.location
        let layers = try store.layers(of: stored)
        try StoredLayers.check(layers, against: manifest)
        let files = try zip(layers, manifest.contents.files).map {
            S3PushFile(modelPath: $1.path, key: location.key(for: $1.path), size: $1.size, digest: $0.digest, plan: try S3PartPlan(size: $1.size))
        }
        let checker = S3ObjectCheck(client: client, directory: store.layout.directory)

        // Plan: what is there must be ours; change nothing until it is.
        let contents = try S3PrefixContents.list(location, client: client, fileCount: files.count)
        let ours = Set(files.map(\.modelPath))
        if let stranger = contents.objects.keys.sorted(by: ModelPath.precedes).first(where: { !ours.contains($0) }) {
            throw occupied(manifest, "\(location.key(for: stranger)) is not one of \(stored.label)'s files")
        }
        var totals = Totals()
        let present = files.filter { contents.objects[$0.modelPath] != nil }
        let findings = try ParallelWork.run(count: present.count, workers: workers, makeState: { () }) { (index: Int, _: Void) in
            try checker.check(present[index])
        }
        var pending = files.filter { contents.objects[$0.modelPath] == nil }
        for (file, finding) in zip(present, findings) {
            switch finding {
            case .ours:
                totals.filesReused += 1
                totals.bytesReused = totals.bytesReused.addingSaturated(file.size)
                abandonStaleUpload(of: file)
            case .absent: pending.append(file)
            case .different: throw occupied(manifest, "\(file.key) holds other bytes than \(stored.label)'s \(file.modelPath)")
            }
        }
        if contents.bundle != nil {
            guard try client.getObject(location.bundleKey, limit: SignatureBundle.maximumSize) == bundleBytes else {
                throw occupied(manifest, "\(location.bundleKey) is another signature bundle")
            }
            if pending.isEmpty {
                totals.alreadyPresent = true
                return totals
            }
        }

        // Upload: small files in parallel, then each multipart file with its parts in parallel.
        let single = pending.filter { $0.plan.partSize == nil }
        let pendingPaths = Set(pending.map(\.modelPath))
        let progress = self.progress
        progress?.add(Int(clamping: files.filter { !pendingPaths.contains($0.modelPath) }.reduce(Int64(0)) { $0.addingSaturated($1.size) }))
        let directory = store.layout.directory
        let client = self.client
        let sent = try ParallelWork.run(count: single.count, workers: workers, makeState: { () }) { (index: Int, _: Void) -> Int64 in
            let file = single[index]
            progress?.started(file.modelPath)
            let counted = UploadProgress(progress)
            let blob = try S3PartDigests.open(file, in: directory)
            let outcome = try client.putObject(file.key, body: .file(HTTPBodyFile(blob, progress: counted), offset: 0, length: file.size),
                                               sha256: file.digest, createOnly: true)
            if outcome == .alreadyExists { try checker.requireOurs(file, manifest: manifest) }
            counted.complete(size: file.size)
            progress?.finished(file.modelPath)
            return outcome == .created ? file.size : 0
        }
        totals.bytesSent = sent.reduce(0, +)
        for file in pending where file.plan.partSize != nil {
            let counted = UploadProgress(progress)
            let upload = S3MultipartUpload(file: file, client: client, layout: store.layout,
                                           recordPath: S3UploadRecord.path(access: access, key: file.key, digest: file.digest), workers: workers,
                                           progress: counted)
            progress?.started(file.modelPath)
            let result = try upload.run()
            counted.complete(size: file.size)
            progress?.finished(file.modelPath)
            if result.outcome == .alreadyExists { try checker.requireOurs(file, manifest: manifest) }
            totals.bytesSent = totals.bytesSent.addingSaturated(result.bytesSent)
            totals.bytesReused = totals.bytesReused.addingSaturated(result.bytesReused)
        }

        // The bundle last: only now does the prefix hold a model.
        FaultInjection.reach("publish")
        try Interruption.check()
        let bundleDigest = SHA256Hasher.digest(bundleBytes)
        if try client.putObject(location.bundleKey, body: .bytes(bundleBytes), sha256: bundleDigest, createOnly: true) == .alreadyExists {
            guard try client.getObject(location.bundleKey, limit: SignatureBundle.maximumSize) == bundleBytes else {
                throw occupied(manifest, "\(location.bundleKey) was written meanwhile with another signature bundle")
            }
        }
        return totals
    }

    /// A run killed after its upload completed but before it removed its record leaves the
    /// record (and perhaps a second, unfinished upload): both go once the object is ours.
    private func abandonStaleUpload(of file: S3PushFile) {
        guard file.plan.partSize != nil else { return }
        let path = S3UploadRecord.path(access: access, key: file.key, digest: file.digest)
        guard let record = S3UploadRecord.read(path, in: store.layout) else { return }
        try? client.abortMultipartUpload(file.key, uploadID: record.uploadID)
        S3UploadRecord.remove(path, in: store.layout)
    }

    private func occupied(_ manifest: ModelManifest, _ detail: String) -> TransferRejection {
        TransferRejection(check: .occupied, reason: "\(access.location) holds a different model: \(detail); nothing was overwritten",
                          manifest: manifest)
    }
}
