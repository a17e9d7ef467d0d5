// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "license-fcgi",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "license-fcgi", targets: ["LicenseFCGI"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.0"..<"4.0.0"),
    ],
    targets: [
        .systemLibrary(name: "CFastCGI", pkgConfig: "fcgi", providers: [.apt(["libfcgi-dev"])]),
        .systemLibrary(name: "CPostgres", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .target(
            name: "Domain",
            dependencies: [
                "CPostgres",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "LicenseFCGI",
            dependencies: [
                "CFastCGI",
                "Domain",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "DomainTests", dependencies: ["Domain"]),
        .testTarget(name: "LicenseFCGITests", dependencies: ["LicenseFCGI", "Domain"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "Domain",
                // Only for `RESTRoutes.all`, so that the generated authorization and fuzz tests cover every route.
                "LicenseFCGI",
                .product(name: "Crypto", package: "swift-crypto"),
                // Only for a `Logger` of the Domain types some suites drive directly against the stack's database.
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ]
)
