import DLintCore
@testable import dlint
import Foundation
import Testing

/// Paths that are not UTF-8 (issue 12): a Latin-1 `caf\xE9/Dockerfile` is read, linted, reported
/// escaped, cached and fixed in place under its own bytes, from the command line and from the
/// directory search alike.
@Suite("paths that are not UTF-8")
struct RawPathCLITests {
    /// DL4000 (MAINTAINER) at line 2, which `--fix` rewrites to a LABEL.
    static let dockerfile = "FROM alpine:3.19\nMAINTAINER someone\n"

    /// `caf\351` for the shell (dash's printf reads octal escapes): the Latin-1 spelling of `café`.
    static let latin1Directory = "\"$(printf 'caf\\351')\""

    /// A directory holding `caf\xE9/Dockerfile` and `Dockerfile.\xFF`, made by the shell (Foundation
    /// cannot spell such names); the shell removes them again at the end, as Foundation cannot.
    final class Project {
        let directory: TemporaryDirectory

        init() throws {
            directory = try TemporaryDirectory()
            let setup = "mkdir \(latin1Directory) && printf '\(RawPathCLITests.escapedForPrintf)' > \(latin1Directory)/Dockerfile"
                + " && printf '\(RawPathCLITests.escapedForPrintf)' > \"$(printf 'Dockerfile.\\377')\""
            let result = try RobustnessCLITests.shell(setup, in: directory.url)
            #expect(result.status == 0, "\(result.stderr)")
        }

        func run(_ script: String) throws -> DLintBinary.Result {
            try RobustnessCLITests.shell(script, in: directory.url)
        }

        /// The bytes of a file below the directory, by its bytes.
        func contents(_ relative: [UInt8]) -> [UInt8]? {
            FileBytes.contents(atPath: RawPath(bytes: Array(directory.url.path.utf8) + [UInt8(ascii: "/")] + relative).string)
        }

        deinit { _ = try? RobustnessCLITests.shell("rm -rf ./*", in: directory.url) }
    }

    static let escapedForPrintf = dockerfile.replacingOccurrences(of: "\n", with: "\\n")
    static let latin1File: [UInt8] = Array("caf".utf8) + [0xE9] + Array("/Dockerfile".utf8)

    @Test("a directory and file named on the command line are linted, with the finding at its line, shown escaped")
    func namedOnTheCommandLine() throws {
        let project = try Project()
        let gnu = try project.run("\"$DLINT\" --no-config -f gnu \(Self.latin1Directory)/Dockerfile \"$(printf 'Dockerfile.\\377')\"")
        #expect(gnu.status == 1, "\(gnu.stderr)")
        #expect(gnu.stdout.contains("caf\\xE9/Dockerfile:2:1: error: MAINTAINER is deprecated"))
        #expect(gnu.stdout.contains("Dockerfile.\\xFF:2:1: error: MAINTAINER is deprecated"))
        #expect(gnu.stderr.isEmpty, "\(gnu.stderr)")
        let directory = try project.run("\"$DLINT\" --no-config -f gnu \(Self.latin1Directory)")
        #expect(directory.stdout.contains("caf\\xE9/Dockerfile:2:1: error: MAINTAINER is deprecated"))
        // Structured formats hold Unicode text: each byte that is not UTF-8 is written \xE9.
        let json = try project.run("\"$DLINT\" --no-config -f json \(Self.latin1Directory)/Dockerfile")
        #expect(json.stdout.contains("\"file\": \"caf\\\\xE9/Dockerfile\""), "\(json.stdout)")
        #expect(!json.stdout.contains("\u{FFFD}"))
        // SARIF's URI holds the byte itself, percent-encoded.
        let sarif = try project.run("\"$DLINT\" --no-config -f sarif \(Self.latin1Directory)/Dockerfile")
        #expect(sarif.stdout.contains("\"uri\": \"caf%E9/Dockerfile\""), "\(sarif.stdout)")
    }

    @Test("from a working directory named in Latin-1: the search finds its Dockerfile, its .dlint.yaml applies, and a file outside it gets SARIF's absolute URI by its bytes")
    func latin1WorkingDirectory() throws {
        let project = try Project()
        // Foundation reads such a current directory with U+FFFD, which names no directory at all.
        let search = try project.run("cd \(Self.latin1Directory) && \"$DLINT\" --no-config -f gnu")
        #expect(search.status == 1, "\(search.stdout)\(search.stderr)")
        #expect(search.stdout.contains("Dockerfile:2:1: error: MAINTAINER is deprecated"), "\(search.stdout)\(search.stderr)")
        let configured = try project.run("cd \(Self.latin1Directory) && printf 'ignored: [DL4000]\\n' > .dlint.yaml && \"$DLINT\" -f gnu Dockerfile .")
        #expect(configured.status == 0, "\(configured.stdout)\(configured.stderr)")
        #expect(!configured.stdout.contains("DL4000"), "\(configured.stdout)")
        let sarif = try project.run("mkdir \(Self.latin1Directory)/sub && cd \(Self.latin1Directory)/sub && \"$DLINT\" --no-config -f sarif ../Dockerfile")
        #expect(sarif.status == 1, "\(sarif.stderr)")
        #expect(sarif.stdout.contains("caf%E9/Dockerfile\""), "\(sarif.stdout)")
        #expect(!sarif.stdout.contains("%EF%BF%BD"), "\(sarif.stdout)")
        // The default cache goes inside that directory (it went to a new `caf\u{FFFD}/` beside
        // it), and the second run lints nothing.
        let cached = try project.run("cd \(Self.latin1Directory) && DLINT_CACHE_DIR= \"$DLINT\" --verbose --no-config Dockerfile; DLINT_CACHE_DIR= \"$DLINT\" --verbose --no-config Dockerfile; ls -a; test -e \"../$(printf 'caf\\357\\277\\275')\" && echo beside")
        #expect(cached.stderr.contains("dlint: 1 file linted, 0 from cache"), "\(cached.stderr)")
        #expect(cached.stderr.contains("dlint: 0 files linted, 1 from cache"), "\(cached.stderr)")
        #expect(cached.stdout.contains(".dlint_cache\n"), "\(cached.stdout)")
        #expect(!cached.stdout.contains("beside"), "\(cached.stdout)")
        #expect(!cached.stderr.contains("cannot write the cache"), "\(cached.stderr)")
    }

    @Test("COPY sources in a Dockerfile whose text is not UTF-8 match the context's names by their bytes and are quoted escaped")
    func latin1CopySources() throws {
        let project = try Project()
        let setup = "mkdir latin && printf 'FROM alpine:3.19\\nCOPY caf\\351.txt /a\\nCOPY gon\\351.txt /b\\nCOPY ign\\351.txt /c\\nCOPY [\"ex\\351.txt\", \"/d\"]\\n' > latin/Dockerfile"
            + " && touch latin/\"$(printf 'caf\\351.txt')\" latin/\"$(printf 'caf\\303\\251.txt')\" latin/\"$(printf 'ign\\351.txt')\""
            + " && printf 'ign\\351.txt\\n' > latin/.dockerignore"
        #expect(try project.run(setup).status == 0)
        let result = try project.run("\"$DLINT\" --no-config -f gnu latin")
        #expect(!result.stdout.contains("latin/Dockerfile:2:"), "the Latin-1 name is in the context: \(result.stdout)")
        #expect(result.stdout.contains("latin/Dockerfile:3:6: error: COPY source 'gon\\xE9.txt' is not in the build context"), "\(result.stdout)")
        // The ignore file's Latin-1 pattern meets the Latin-1 source (DX1109), and nothing calls it missing.
        #expect(result.stdout.contains("latin/Dockerfile:4:6: warning: COPY source 'ign\\xE9.txt' is excluded by .dockerignore"), "\(result.stdout)")
        #expect(!result.stdout.contains("latin/Dockerfile:4:6: error"))
        // An exec-form element is decoded with U+FFFD: which file it names is unknown, so it is not called missing.
        #expect(!result.stdout.contains("latin/Dockerfile:5:"), "\(result.stdout)")
    }

    @Test("a configuration file whose path is not UTF-8 is read, and its errors name it escaped")
    func latin1Configuration() throws {
        let project = try Project()
        let setup = "printf 'ignored: [DL4000]\\n' > \"$(printf 'conf\\351.yaml')\" && printf 'rules: [\\n' > \"$(printf 'bad\\351.yaml')\""
        #expect(try project.run(setup).status == 0)
        let good = try project.run("\"$DLINT\" --config \"$(printf 'conf\\351.yaml')\" -f gnu \(Self.latin1Directory)/Dockerfile")
        #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
        #expect(!good.stdout.contains("DL4000"))
        let bad = try project.run("\"$DLINT\" --config \"$(printf 'bad\\351.yaml')\" \(Self.latin1Directory)/Dockerfile")
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("bad\\xE9.yaml"), "\(bad.stderr)")
        #expect(!bad.stderr.contains("\u{FFFD}"))
    }

    @Test("the directory search finds and lints them; --show-files prints their exact bytes")
    func foundBySearch() throws {
        let project = try Project()
        let result = try project.run("\"$DLINT\" --no-config -f gnu .")
        #expect(result.status == 1)
        #expect(result.stdout.contains("caf\\xE9/Dockerfile:2:1: error: MAINTAINER is deprecated"))
        #expect(result.stdout.contains("Dockerfile.\\xFF:2:1: error: MAINTAINER is deprecated"))
        #expect(!result.stderr.contains("skipped"), "\(result.stderr)")
        let listed = try project.run("\"$DLINT\" --no-config --show-files .")
        #expect(listed.stdoutBytes == Array("Dockerfile.".utf8) + [0xFF, 0x0A] + Self.latin1File + [0x0A])
    }

    @Test("--fix rewrites the file in place under its own name; a second run changes nothing")
    func fixInPlace() throws {
        let project = try Project()
        let before = try #require(project.contents(Self.latin1File))
        #expect(before == Array(Self.dockerfile.utf8))
        let fixed = try project.run("\"$DLINT\" --no-config --fix \(Self.latin1Directory)/Dockerfile")
        #expect(fixed.stdout.contains("Fixed 1 finding in caf\\xE9/Dockerfile."), "\(fixed.stdout)\(fixed.stderr)")
        let after = try #require(project.contents(Self.latin1File))
        #expect(String(decoding: after, as: UTF8.self) == "FROM alpine:3.19\nLABEL org.opencontainers.image.authors=\"someone\"\n")
        // No temporary file is left beside it.
        let listing = try project.run("ls -A \(Self.latin1Directory)")
        #expect(listing.stdout == "Dockerfile\n")
        let again = try project.run("\"$DLINT\" --no-config --fix \(Self.latin1Directory)/Dockerfile")
        #expect(!again.stdout.contains("Fixed"))
        #expect(project.contents(Self.latin1File) == after)
    }

    @Test("the cache serves the second run")
    func cached() throws {
        let project = try Project()
        // One script, so that both runs share the cache the shell helper sets up.
        let result = try project.run("\"$DLINT\" --no-config --verbose -f gnu \(Self.latin1Directory) >/dev/null; \"$DLINT\" --no-config --verbose -f gnu \(Self.latin1Directory)")
        #expect(result.stderr.contains("dlint: 1 file linted, 0 from cache"), "\(result.stderr)")
        #expect(result.stderr.contains("dlint: 0 files linted, 1 from cache"), "\(result.stderr)")
        #expect(result.stdout.contains("caf\\xE9/Dockerfile:2:1: error: MAINTAINER is deprecated"))
    }

    @Test("a missing path that is not UTF-8 is named escaped")
    func missing() throws {
        let project = try Project()
        let result = try project.run("\"$DLINT\" --no-config \"$(printf 'nope\\351')/Dockerfile\"")
        #expect(result.status == 2)
        #expect(result.stderr.contains("dlint: nope\\xE9/Dockerfile: no such file or directory"), "\(result.stderr)")
    }

    @Test("a build context whose directory is not UTF-8 is listed, its .dockerignore read, and named escaped")
    func buildContext() throws {
        let project = try Project()
        let setup = "printf 'FROM alpine:3.19\\nCOPY missing.txt /a\\nCOPY other.txt /b\\n' > \(Self.latin1Directory)/Dockerfile"
            + " && touch \(Self.latin1Directory)/other.txt \(Self.latin1Directory)/\"$(printf '\\351')\".txt && printf 'other.txt\\n' > \(Self.latin1Directory)/.dockerignore"
        #expect(try project.run(setup).status == 0)
        let result = try project.run("\"$DLINT\" --no-config -f gnu \(Self.latin1Directory)")
        #expect(result.stdout.contains("caf\\xE9/Dockerfile:2:6: error: COPY source 'missing.txt' is not in the build context 'caf\\xE9', so the build fails [DX1201]"), "\(result.stdout)")
        #expect(result.stdout.contains("caf\\xE9/Dockerfile:3:6: warning: COPY source 'other.txt' is excluded by .dockerignore"))
    }

    @Test("a file of the build context whose name is not UTF-8 is listed and named escaped")
    func contextFileName() throws {
        let project = try Project()
        let setup = "mkdir plain && printf 'FROM alpine:3.19\\nCOPY . /app\\n' > plain/Dockerfile && touch plain/\"$(printf 'caf\\351.pem')\""
        #expect(try project.run(setup).status == 0)
        let result = try project.run("\"$DLINT\" --no-config -f gnu plain")
        #expect(result.stdout.contains("plain/Dockerfile:2:6: warning: COPY '.' sends the whole build context, which has no .dockerignore, into the image: it would copy 'caf\\xE9.pem' [DX1202]"), "\(result.stdout)")
    }
}

/// The carried form of a path's bytes.
@Suite("RawPath: a path's exact bytes in a String")
struct RawPathTests {
    @Test("every byte string comes back from its carried string: UTF-8, Latin-1, stray continuation bytes, escape scalars spelled out")
    func roundTrip() {
        let samples: [[UInt8]] = [
            Array("Dockerfile".utf8), Array("café/Dockerfile".utf8), Array("caf".utf8) + [0xE9],
            [0xFF, 0xFE, 0x2F, 0x80], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xC0, 0xAF],
            // U+10FEE9 in UTF-8: a name that really holds an escape scalar.
            [0xF4, 0x8F, 0xBB, 0xA9], [0xF4, 0x90, 0x80, 0x80], Array("\u{10FFFD}".utf8),
        ]
        for bytes in samples {
            let carried = RawPath(bytes: bytes).string
            #expect(RawPath(carried).bytes == bytes, "\(bytes)")
        }
        for byte in UInt8.min...UInt8.max {
            #expect(RawPath(RawPath(bytes: [byte, 0x2F, byte]).string).bytes == [byte, 0x2F, byte])
        }
    }

    @Test("UTF-8 paths are carried as they are, and only bytes that are not UTF-8 are shown escaped")
    func shown() {
        #expect(RawPath(bytes: Array("a/café".utf8)).string == "a/café")
        let latin1 = RawPath(bytes: Array("caf".utf8) + [0xE9] + Array("/x".utf8)).string
        #expect(latin1.split(separator: "/").count == 2, "the slash stays a slash")
        #expect(DisplayPath.escaped(latin1) == "caf\\xE9/x")
        #expect(EscapedBytes.reported(latin1) == "caf\\xE9/x")
        #expect(EscapedBytes.reported("a\\b\u{1}") == "a\\b\u{1}", "structured formats escape the rest themselves")
    }
}
