import Foundation
import Testing

/// `.ci/install` builds the release binary with the Swift runtime linked in; the installed binary
/// must run where there is no toolchain. Slow (a release build of its own, in `.build-install`,
/// kept between runs): only with DLINT_SLOW_TESTS=1.
@Suite("install without the toolchain", .serialized, .enabled(if: PreCommit.slowTestsRequested, "slow test: set DLINT_SLOW_TESTS=1 to build and check the installed binary"))
struct InstallTests {
    static let scratch = DLintBinary.packageRoot.appendingPathComponent(".build-install")
    static let prefix = DLintBinary.packageRoot.appendingPathComponent(".build-install/prefix")

    /// What the installed binary may load: the C library (libm, the loader; libpthread and libdl
    /// are separate libraries before glibc 2.34), and libxml2 (opened by the XML formats only). The Swift
    /// runtime, Dispatch and the GCC runtime (libstdc++, libgcc) are linked in.
    static let allowed: Set<String> = ["linux-vdso", "ld-linux-x86-64", "ld-linux-aarch64", "libc", "libm", "libpthread", "libdl", "libxml2"]

    static func libraryName(_ line: Substring) -> String? {
        guard let first = line.split(whereSeparator: \.isWhitespace).first else { return nil }
        let file = first.split(separator: "/").last.map(String.init) ?? String(first)
        return file.components(separatedBy: ".so").first
    }

    @Test(".ci/install: it needs only the C library, has no RUNPATH and runs with no toolchain on PATH")
    func installedBinary() throws {
        let install = PreCommit.run([".ci/install", Self.prefix.path], in: DLintBinary.packageRoot,
                                    environment: ["DLINT_SCRATCH_PATH": Self.scratch.path])
        #expect(install.status == 0, "\(install.text.suffix(2000))")
        let binary = Self.prefix.appendingPathComponent("bin/dlint").path
        #expect(FileManager.default.isExecutableFile(atPath: binary))

        let ldd = PreCommit.run(["ldd", binary])
        #expect(ldd.status == 0)
        #expect(!ldd.text.contains("not found"))
        #expect(!ldd.text.contains("swift"), "nothing from the toolchain: \(ldd.text)")
        // libxml2 (and what it loads: zlib, liblzma, ICU on Debian) is opened only by the XML
        // report formats, never at start-up.
        let loaded = Set(ldd.text.split(separator: "\n").compactMap(Self.libraryName))
        let unexpected = loaded.subtracting(Self.allowed)
        #expect(unexpected.isEmpty, "unexpected libraries: \(unexpected.sorted())\n\(ldd.text)")
        #expect(!loaded.contains("libxml2"))
        let direct = PreCommit.run(["readelf", "-d", binary]).text
        let needed = direct.split(separator: "\n").filter { $0.contains("(NEEDED)") }.compactMap { $0.components(separatedBy: "[").last?.components(separatedBy: ".so").first }
        // Exactly the C library, libm and the loader (libpthread and libdl on an old glibc).
        let loader = needed.filter { $0.hasPrefix("ld-linux") }
        #expect(loader.count == 1, "one loader: \(needed)")
        #expect(Set(needed).subtracting(["libpthread", "libdl"]) == Set(["libc", "libm"] + loader), "directly needed: \(needed)")
        #expect(Set(needed).isSubset(of: Self.allowed), "directly needed: \(needed)")
        #expect(!direct.contains("RUNPATH") && !direct.contains("RPATH"), "no RUNPATH or RPATH at all: \(direct)")
        #expect(!direct.contains("/swift") && !direct.contains("/opt/"), "nothing from a toolchain: \(direct)")
        // A position-dependent executable: the loader has nothing to relocate at start-up (as a PIE
        // it had 45,000 relative relocations, 1.2 MB of every run's memory).
        let header = PreCommit.run(["readelf", "-h", binary]).text
        #expect(header.contains("EXEC (Executable file)"), "not a PIE: \(header)")
        let relocations = PreCommit.run(["readelf", "-r", binary]).text
        #expect(!relocations.contains("_RELATIVE"), "no relative relocations: \(relocations.prefix(2000))")

        // No toolchain: a PATH without swift, no library path.
        let bare = ["PATH": "/usr/bin:/bin", "LD_LIBRARY_PATH": "", "HOME": Self.scratch.path]
        #expect(PreCommit.run(["sh", "-c", "command -v swift"], environment: bare).status != 0, "swift is not on the bare PATH")
        let version = PreCommit.run([binary, "--version"], environment: bare)
        #expect(version.status == 0 && version.text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
        let lint = PreCommit.run([binary, "--no-config", "-f", "gnu", "Fixtures/example/Dockerfile"], in: DLintBinary.packageRoot, environment: bare)
        #expect(lint.status == 1 && lint.text.contains("Fixtures/example/Dockerfile:"), "\(lint.text)")
        let junit = PreCommit.run([binary, "--no-config", "-f", "junit", "Fixtures/example/Dockerfile"], in: DLintBinary.packageRoot, environment: bare)
        #expect(junit.status == 1 && junit.text.contains("<testsuites"), "libxml2 is loaded when a format needs it: \(junit.text)")
        let explain = PreCommit.run([binary, "explain", "DL3000"], environment: bare)
        #expect(explain.status == 0 && explain.text.contains("# DL3000 absolute-workdir"), "the rule pages are in the binary")

        // Stripped size, measured at 18.2 MB (README says what takes the space); a guard against growth.
        let size = try FileManager.default.attributesOfItem(atPath: binary)[.size] as? Int ?? 0
        #expect(size > 1_000_000 && size < 24_000_000, "stripped size \(size) bytes")
        // Neither ICU (its data is named icudt…) nor full Foundation is in the binary: a Swift
        // module leaves its name, NUL-terminated, in its context descriptor.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: binary))
        for absent in ["icudt", "\0Foundation\0", "\0FoundationInternationalization\0", "\0Yams\0"] {
            #expect(bytes.range(of: Data(absent.utf8)) == nil, "\(absent.debugDescription) is in the binary")
        }

        for completion in ["share/bash-completion/completions/dlint", "share/zsh/site-functions/_dlint", "share/fish/vendor_completions.d/dlint.fish"] {
            let text = (try? String(contentsOf: Self.prefix.appendingPathComponent(completion), encoding: .utf8)) ?? ""
            #expect(text.contains("failure-threshold"), "\(completion)")
        }
    }

    @Test("swift package generate-manual (swift-argument-parser's plugin) writes dlint.1 offline")
    func manualPage() throws {
        let result = PreCommit.run(["swift", "package", "--scratch-path", Self.scratch.path, "generate-manual", "--configuration", "debug"],
                                   in: DLintBinary.packageRoot)
        #expect(result.status == 0, "\(result.text.suffix(2000))")
        let page = Self.scratch.appendingPathComponent("plugins/GenerateManual/outputs/dlint/dlint.1")
        let text = (try? String(contentsOf: page, encoding: .utf8)) ?? ""
        #expect(text.contains(".Dt DLINT 1"), "\(text.prefix(300))")
        #expect(text.contains("failure-threshold") && text.contains("Exit status"))
    }
}
