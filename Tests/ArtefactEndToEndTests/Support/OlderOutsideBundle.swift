import Foundation

extension StoreFixture {
    /// `name@1.0.0` as an earlier artefact signed it with `--signature` elsewhere: the
    /// signed ignore list (`.git/` only) does not leave out the root model.sig, which today's
    /// sign always does. Made by hand (HostileManifest), validly signed by the trusted
    /// signer, with the bundle at `name.sig` beside the model. Returns both paths.
    func olderOutsideBundleModel(_ name: String = "resnet",
                                 files: [(path: String, content: String)] = [("config.json", "{}"), ("weights.bin", "weights")])
        throws -> (model: String, bundle: String) {
        let model = path("model-\(name)")
        let bundle = path("\(name).sig")
        let manifest = HostileManifest(name: name, version: "1.0.0", ignore: [".git/"], files: files)
        try manifest.writeModel(model, signedWith: signer, bundleAt: bundle)
        return (model, bundle)
    }
}
