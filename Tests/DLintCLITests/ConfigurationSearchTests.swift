import DLintCore
import DLintRules
import Foundation
import Testing
@testable import dlint

@Suite("configuration search")
struct ConfigurationSearchTests {
    /// A cached run over the corpus asked every file's chain of parent directories anew: 160,000
    /// failed `stat`s for 2,400 directories. Each directory is now asked once per dialect.
    @Test("each directory is asked once, however many files share it, and the nearest file still wins")
    func eachDirectoryOnce() throws {
        let root = try TemporaryDirectory()
        try root.write("project/.dlint.yaml", "ignored: [DL4000]\n")
        let loader = ConfigurationLoader(catalog: RuleRegistry.catalog, environment: ["HOME": root.url.path + "/home"])
        let leaves = (0..<40).map { "project/a/b/leaf\($0)" }
        for leaf in leaves {
            try FileManager.default.createDirectory(at: root.url.appendingPathComponent(leaf), withIntermediateDirectories: true)
        }
        for leaf in leaves {
            let loaded = try loader.configuration(forDirectory: root.url.appendingPathComponent(leaf).path)
            #expect(loaded.path?.hasSuffix("project/.dlint.yaml") == true, "\(leaf): \(loaded.path ?? "none")")
        }
        // The 40 leaves (2 names each), then a/b and a once, then project, which holds the file.
        #expect(loader.probes == 40 * 2 + 2 * 2 + 1, "\(loader.probes) probes")
        // A sibling tree without a file searches up to the root once, then never again.
        try FileManager.default.createDirectory(at: root.url.appendingPathComponent("other/x"), withIntermediateDirectories: true)
        _ = try loader.configuration(forDirectory: root.url.appendingPathComponent("other/x").path)
        let afterFirst = loader.probes
        try FileManager.default.createDirectory(at: root.url.appendingPathComponent("other/y"), withIntermediateDirectories: true)
        let loaded = try loader.configuration(forDirectory: root.url.appendingPathComponent("other/y").path)
        #expect(loaded.path == nil)
        // other/y: two dlint names and four hadolint names; its parent is known for both dialects.
        #expect(loader.probes - afterFirst == 6, "\(loader.probes - afterFirst) probes")
    }
}
