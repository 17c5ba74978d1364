// swift-tools-version:6.0
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "artefact",
    products: [
        .executable(name: "artefact", targets: ["artefact"]),
        .library(name: "ArtefactCore", targets: ["ArtefactCore"]),
    ],
    targets: [
        .systemLibrary(
            name: "CSodium",
            path: "Sources/CSodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"])]
        ),
        .systemLibrary(
            name: "COpenSSL",
            path: "Sources/COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]
        ),
        .systemLibrary(
            name: "CSystem",
            path: "Sources/CSystem"
        ),
        .target(
            name: "ArtefactCore",
            dependencies: ["CSodium", "COpenSSL", "CSystem"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "ArtefactCLI",
            dependencies: ["ArtefactCore"],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "artefact",
            dependencies: ["ArtefactCLI", "ArtefactCore"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ArtefactCoreTests",
            dependencies: ["ArtefactCore"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ArtefactCLITests",
            dependencies: ["ArtefactCLI", "ArtefactCore"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ArtefactEndToEndTests",
            dependencies: ["artefact", "ArtefactCore"],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
