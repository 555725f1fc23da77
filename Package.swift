// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "netpol",
  products: [
    .executable(name: "netpol", targets: ["netpol"])
  ],
  dependencies: [
    .package(url: "https://github.com/jpsim/Yams.git", exact: "6.2.2"),
    .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
    .package(url: "https://github.com/x-sheep/swift-property-based.git", exact: "2.0.1"),
  ],
  targets: [
    .target(name: "NetpolModel", dependencies: [.product(name: "Yams", package: "Yams")]),
    .target(name: "NetpolEngine", dependencies: ["NetpolModel"]),
    .target(name: "NetpolViews", dependencies: ["NetpolEngine", "NetpolModel"]),
    .target(
      name: "NetpolRecipes",
      dependencies: [
        "NetpolViews", "NetpolEngine", "NetpolModel", .product(name: "Yams", package: "Yams"),
      ],
      exclude: ["Recipes"],
      plugins: ["EmbedRecipes"]),
    .target(
      name: "NetpolShell",
      dependencies: [
        "NetpolRecipes", "NetpolViews", "NetpolEngine", "NetpolModel",
        .product(name: "Yams", package: "Yams"),
      ],
      resources: [
        .embedInCode("Resources/demo-cluster.yaml"),
        // The lessons of docs/lessons (a symlink to Lessons), compiled in; keep in step with
        // Lesson.builtInTexts.
        .embedInCode("Lessons/label-the-client.yaml"),
        .embedInCode("Lessons/dns-under-egress-isolation.yaml"),
        .embedInCode("Lessons/cilium-fqdn-and-empty-rules.yaml"),
        .embedInCode("Lessons/and-vs-or-selectors.yaml"),
      ],
      plugins: ["RecordBuildCommit"]),
    .plugin(name: "EmbedRecipes", capability: .buildTool()),
    .plugin(name: "RecordBuildCommit", capability: .buildTool()),
    .systemLibrary(name: "CLibedit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
    .executableTarget(
      name: "netpol",
      dependencies: [
        "NetpolShell", "NetpolRecipes", "NetpolViews", "NetpolEngine", "NetpolModel", "CLibedit",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    // Seeded synthetic clusters for the benchmark and the tests.
    .target(name: "NetpolSynthetic", dependencies: ["NetpolModel"]),
    .executableTarget(
      name: "netpol-bench",
      dependencies: [
        "NetpolEngine", "NetpolModel", "NetpolShell", "NetpolViews", "NetpolSynthetic",
      ]),
    .testTarget(
      name: "NetpolModelTests",
      dependencies: [
        "NetpolModel", .product(name: "PropertyBased", package: "swift-property-based"),
      ]),
    .testTarget(
      name: "NetpolEngineTests",
      dependencies: [
        "NetpolEngine", "NetpolModel", "NetpolViews", "NetpolSynthetic",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ]),
    .testTarget(
      name: "NetpolViewsTests", dependencies: ["NetpolViews", "NetpolEngine", "NetpolModel"]),
    .testTarget(
      name: "NetpolRecipesTests", dependencies: ["NetpolRecipes", "NetpolEngine", "NetpolModel"],
      exclude: ["Golden"]),
    .testTarget(
      name: "NetpolShellTests",
      dependencies: ["NetpolShell", "NetpolRecipes", "NetpolViews", "NetpolEngine", "NetpolModel"]),
    .testTarget(
      name: "NetpolCLITests", dependencies: ["netpol", "netpol-bench", "NetpolSynthetic"]),
  ],
  swiftLanguageModes: [.v6]
)

// Every target builds with the upcoming features the Swift 6 ecosystem is moving to:
// a file uses only the members of the modules it imports itself.
for target in package.targets where target.type != .system && target.type != .plugin {
  target.swiftSettings = (target.swiftSettings ?? []) + [
    .enableUpcomingFeature("MemberImportVisibility")
  ]
}
