import DLintCore
@testable import DLintRules
import Testing

/// One `it` case of hadolint's `DL3013Spec.hs`, `DL3016Spec.hs`, `DL3028Spec.hs` and
/// `DL3062Spec.hs`: a RUN line and whether the rule fires. hadolint checks each case again
/// behind `ONBUILD`; so does the test.
struct LanguagePackageSpecCase: Sendable, CustomTestStringConvertible {
    let code: String
    let name: String
    let run: String
    let fires: Bool

    init(_ code: String, _ name: String, _ run: String, _ fires: Bool) {
        self.code = code
        self.name = name
        self.run = run
        self.fires = fires
    }

    var testDescription: String { "\(code) \(name): \(run)" }
}

@Suite("Language package pins: DL3013, DL3016, DL3028, DL3062")
struct LanguagePackagesTests {
    /// (code, line, text under the range, message) of each finding of `code`.
    private func findings(_ text: String, _ code: String) -> [(line: Int, text: String, message: String)] {
        let bytes = Array(text.utf8)
        let result = RuleRegistry.linter.lint(bytes)
        return result.diagnostics.filter { $0.code == code }.map { diagnostic in
            let location = result.tree.location(of: diagnostic.range.lowerBound)
            return (location.line, String(decoding: bytes[diagnostic.range], as: UTF8.self), diagnostic.message)
        }
    }

    private func words(_ text: String, _ code: String) -> [String] {
        findings(text, code).map(\.text)
    }

    /// Every case of hadolint's specs. None differs: where dlint deliberately disagrees with
    /// hadolint (the pages' "Differences from hadolint"), hadolint's specs have no case.
    static let specCases: [LanguagePackageSpecCase] = [
        LanguagePackageSpecCase("DL3013", "pip2 version not pinned", "RUN pip2 install MySQL_python", true),
        LanguagePackageSpecCase("DL3013", "pip3 version not pinned", "RUN pip3 install MySQL_python", true),
        LanguagePackageSpecCase("DL3013", "pip3 version pinned", "RUN pip3 install MySQL_python==1.2.2", false),
        LanguagePackageSpecCase("DL3013", "pip3 install from local package", "RUN pip3 install mypkg.whl", false),
        LanguagePackageSpecCase("DL3013", "pip3 install from local package", "RUN pip3 install mypkg.tar.gz", false),
        LanguagePackageSpecCase("DL3013", "pip install requirements", "RUN pip install -r requirements.txt", false),
        LanguagePackageSpecCase("DL3013", "pip install requirements with long flag", "RUN pip install --requirement requirements.txt", false),
        LanguagePackageSpecCase("DL3013", "pip install use setup.py", "RUN pip install .", false),
        LanguagePackageSpecCase("DL3013", "pip version not pinned", "RUN pip install MySQL_python", true),
        LanguagePackageSpecCase("DL3013", "pip version pinned", "RUN pip install MySQL_python==1.2.2", false),
        LanguagePackageSpecCase("DL3013", "pip version pinned with ~= operator", "RUN pip install MySQL_python~=1.2.2", false),
        LanguagePackageSpecCase("DL3013", "pip version pinned with === operator", "RUN pip install MySQL_python===1.2.2", false),
        LanguagePackageSpecCase("DL3013", "pip version pinned with flag --ignore-installed", "RUN pip install --ignore-installed MySQL_python==1.2.2", false),
        LanguagePackageSpecCase("DL3013", "pip version pinned with flag --build", "RUN pip3 install --build /opt/yamllint yamllint==1.20.0", false),
        LanguagePackageSpecCase("DL3013", "pip version pinned with flag --prefix", "RUN pip3 install --prefix /opt/yamllint yamllint==1.20.0", false),
        LanguagePackageSpecCase("DL3013", "pip version pinned with flag --root", "RUN pip3 install --root /opt/yamllint yamllint==1.20.0", false),
        LanguagePackageSpecCase("DL3013", "pip version pinned with flag --target", "RUN pip3 install --target /opt/yamllint yamllint==1.20.0", false),
        LanguagePackageSpecCase("DL3013", "pip version pinned with flag --trusted-host", "RUN pip3 install --trusted-host host example==1.2.2", false),
        LanguagePackageSpecCase("DL3013", "pip version pinned with python -m", "RUN python -m pip install example==1.2.2", false),
        LanguagePackageSpecCase("DL3013", "pip version not pinned with python -m", "RUN python -m pip install example", true),
        LanguagePackageSpecCase("DL3013", "pip version not pinned with python -m", "RUN python -m pip install --index-url url example", true),
        LanguagePackageSpecCase("DL3013", "pip install git", "RUN pip install git+https://github.com/rtfd/r-ext.git@0.6-alpha#egg=r-ext", false),
        LanguagePackageSpecCase("DL3013", "pip install git", "RUN pip install git+ssh://github.com/rtfd/r-ext.git@0.6-alpha#egg=r-ext", false),
        LanguagePackageSpecCase("DL3013", "pip install unversioned git", "RUN pip install git+https://github.com/rtfd/read-ext.git#egg=read-ext", true),
        LanguagePackageSpecCase("DL3013", "pip install unversioned git", "RUN pip install git+ssh://github.com/rtfd/read-ext.git#egg=read-ext", true),
        LanguagePackageSpecCase("DL3013", "pip install local dir", "RUN pip install foo/bar", false),
        LanguagePackageSpecCase("DL3013", "pip install https url package", "RUN pip install https://foo.bar/baz.zip", false),
        LanguagePackageSpecCase("DL3013", "pip install upper bound", "RUN pip install 'alabaster>=0.7'", false),
        LanguagePackageSpecCase("DL3013", "pip install lower bound", "RUN pip install 'alabaster<0.7'", false),
        LanguagePackageSpecCase("DL3013", "pip install excluded version", "RUN pip install 'alabaster!=0.7'", false),
        LanguagePackageSpecCase("DL3013", "pip install user directory", "RUN pip install MySQL_python==1.2.2 --user", false),
        LanguagePackageSpecCase("DL3013", "pip install no pip version check", "RUN pip install MySQL_python==1.2.2 --disable-pip-version-check", false),
        LanguagePackageSpecCase("DL3013", "pip install --index-url", "RUN pip install --index-url https://eg.com/foo foobar==1.0.0", false),
        LanguagePackageSpecCase("DL3013", "pip install --index-url with --extra-index-url", "RUN pip install --index-url https://eg.com/foo --extra-index-url https://ex-eg.io/foo foobar==1.0.0", false),
        LanguagePackageSpecCase("DL3013", "pip install no cache dir", "RUN pip install MySQL_python==1.2.2 --no-cache-dir", false),
        LanguagePackageSpecCase("DL3013", "pip install constraints file - long version argument", "RUN pip install pykafka --constraint http://foo.bar.baz", false),
        LanguagePackageSpecCase("DL3013", "pip install constraints file - short version argument", "RUN pip install pykafka -c http://foo.bar.baz", false),
        LanguagePackageSpecCase("DL3013", "pip install --index-url with --extra-index-url with basic auth", "RUN pip install --index-url https://user:pass@eg.com/foo --extra-index-url https://user:pass@ex-eg.io/foo foobar==1.0.0", false),
        LanguagePackageSpecCase("DL3013", "pipenv is not pip", "RUN pipenv install black", false),
        LanguagePackageSpecCase("DL3016", "version pinned in package.json", "RUN npm install", false),
        LanguagePackageSpecCase("DL3016", "version pinned in package.json with arguments", "RUN npm install --progress=false", false),
        LanguagePackageSpecCase("DL3016", "version pinned", "RUN npm install express@4.1.1", false),
        LanguagePackageSpecCase("DL3016", "version pinned with scope", "RUN npm install @myorg/privatepackage@\">=0.1.0\"", false),
        LanguagePackageSpecCase("DL3016", "version pinned multiple packages", "RUN npm install express@\"4.1.1\" sax@0.1.1", false),
        LanguagePackageSpecCase("DL3016", "version pinned with --global", "RUN npm install --global express@\"4.1.1\"", false),
        LanguagePackageSpecCase("DL3016", "version pinned with -g", "RUN npm install -g express@\"4.1.1\"", false),
        LanguagePackageSpecCase("DL3016", "version does not have to be pinned for tarball suffix .tar", "RUN npm install package-v1.2.3.tar", false),
        LanguagePackageSpecCase("DL3016", "version does not have to be pinned for tarball suffix .tar.gz", "RUN npm install package-v1.2.3.tar.gz", false),
        LanguagePackageSpecCase("DL3016", "version does not have to be pinned for tarball suffix .tgz", "RUN npm install package-v1.2.3.tgz", false),
        LanguagePackageSpecCase("DL3016", "version does not have to be pinned for folder - absolute path", "RUN npm install /folder", false),
        LanguagePackageSpecCase("DL3016", "version does not have to be pinned for folder - relative path from current folder", "RUN npm install ./folder", false),
        LanguagePackageSpecCase("DL3016", "version does not have to be pinned for folder - relative path to parent folder", "RUN npm install ../folder", false),
        LanguagePackageSpecCase("DL3016", "version does not have to be pinned for folder - relative path from home", "RUN npm install ~/folder", false),
        LanguagePackageSpecCase("DL3016", "commit pinned for git+ssh", "RUN npm install git+ssh://git@github.com:npm/npm.git#v1.0.27", false),
        LanguagePackageSpecCase("DL3016", "commit pinned for git+http", "RUN npm install git+http://isaacs@github.com/npm/npm#semver:^5.0", false),
        LanguagePackageSpecCase("DL3016", "commit pinned for git+https", "RUN npm install git+https://isaacs@github.com/npm/npm.git#v1.0.27", false),
        LanguagePackageSpecCase("DL3016", "commit pinned for git", "RUN npm install git://github.com/npm/npm.git#v1.0.27", false),
        LanguagePackageSpecCase("DL3016", "npm run install is fine", "RUN npm run --crazy install", false),
        LanguagePackageSpecCase("DL3016", "version pinned with scope (range)", "RUN npm install @myorg/privatepackage@\">=0.1.0 <0.2.0\"", false),
        LanguagePackageSpecCase("DL3016", "version not pinned", "RUN npm install express", true),
        LanguagePackageSpecCase("DL3016", "version not pinned with scope", "RUN npm install @myorg/privatepackage", true),
        LanguagePackageSpecCase("DL3016", "version not pinned multiple packages", "RUN npm install express sax@0.1.1", true),
        LanguagePackageSpecCase("DL3016", "version not pinned with --global", "RUN npm install --global express", true),
        LanguagePackageSpecCase("DL3016", "commit not pinned for git+ssh", "RUN npm install git+ssh://git@github.com:npm/npm.git", true),
        LanguagePackageSpecCase("DL3016", "commit not pinned for git+http", "RUN npm install git+http://isaacs@github.com/npm/npm", true),
        LanguagePackageSpecCase("DL3016", "commit not pinned for git+https", "RUN npm install git+https://isaacs@github.com/npm/npm.git", true),
        LanguagePackageSpecCase("DL3016", "commit not pinned for git", "RUN npm install git://github.com/npm/npm.git", true),
        LanguagePackageSpecCase("DL3016", "don't fire on loglevel flag", "RUN npm install --loglevel verbose sax@0.1.1", false),
        LanguagePackageSpecCase("DL3016", "don't fire on registry flag", "RUN npm install --registry https://example.com sax@0.1.1", false),
        LanguagePackageSpecCase("DL3016", "version not pinned with --registry flag", "RUN npm install --registry https://example.com express", true),
        LanguagePackageSpecCase("DL3016", "version not pinned with --registry=value form", "RUN npm install --registry=https://example.com express", true),
        LanguagePackageSpecCase("DL3028", "i unpinned", "RUN gem i bundler", true),
        LanguagePackageSpecCase("DL3028", "i pinned", "RUN gem i bundler:1", false),
        LanguagePackageSpecCase("DL3028", "i multi", "RUN gem i bunlder:1 nokogiri", true),
        LanguagePackageSpecCase("DL3028", "i multi", "RUN gem i bunlder:1 nokogirii:1", false),
        LanguagePackageSpecCase("DL3028", "install unpinned", "RUN gem install bundler", true),
        LanguagePackageSpecCase("DL3028", "install pinned", "RUN gem install bundler:1", false),
        LanguagePackageSpecCase("DL3028", "does not warn on -v", "RUN gem install bundler -v '2.0.1'", false),
        LanguagePackageSpecCase("DL3028", "does not warn on --version without =", "RUN gem install bundler --version '2.0.1'", false),
        LanguagePackageSpecCase("DL3028", "does not warn on --version with =", "RUN gem install bundler --version='2.0.1'", false),
        LanguagePackageSpecCase("DL3028", "does not warn when using extra flags with equal sign and double dashes", "RUN gem install bundler:2.0.1 -- --use-system-libraries=true", false),
        LanguagePackageSpecCase("DL3028", "does not warn when using extra flags with double dashes", "RUN gem install bundler:2.0.1 -- --use-system-libraries true", false),
        LanguagePackageSpecCase("DL3028", "does not warn when using extra flags", "RUN gem install bundler:2.0.1 --use-system-libraries true", false),
        LanguagePackageSpecCase("DL3028", "does not warn when using extra flags with equal sign", "RUN gem install bundler:2.0.1 --use-system-libraries=true", false),
        LanguagePackageSpecCase("DL3062", "go install: version not pinned", "RUN go install example.com/pkg", true),
        LanguagePackageSpecCase("DL3062", "go install: version pinned as latest", "RUN go install example.com/pkg@latest", true),
        LanguagePackageSpecCase("DL3062", "go install: version pinned", "RUN go install example.com/pkg@v1.2.3", false),
        LanguagePackageSpecCase("DL3062", "go install with local absolute path", "RUN go install /go/app/foobar", false),
        LanguagePackageSpecCase("DL3062", "go install with local relative path", "RUN go install ./app/foobar", false),
        LanguagePackageSpecCase("DL3062", "go install local dir", "RUN go install .", false),
        LanguagePackageSpecCase("DL3062", "go install tool: version not pinned", "RUN go install tool foobar", true),
        LanguagePackageSpecCase("DL3062", "go install tool: version pinned as latest", "RUN go install tool foobar@latest", true),
        LanguagePackageSpecCase("DL3062", "go install tool: version pinned", "RUN go install tool foobar@v1.2.3", false),
        LanguagePackageSpecCase("DL3062", "go get: version not pinned", "RUN go get example.com/pkg", true),
        LanguagePackageSpecCase("DL3062", "go get: version pinned as latest", "RUN go get example.com/pkg@latest", true),
        LanguagePackageSpecCase("DL3062", "go get: version pinned", "RUN go get example.com/pkg@v1.2.3", false),
        LanguagePackageSpecCase("DL3062", "go get tool: version not pinned", "RUN go get -tool foobar", true),
        LanguagePackageSpecCase("DL3062", "go get tool: version pinned as latest", "RUN go get -tool foobar@latest", true),
        LanguagePackageSpecCase("DL3062", "go get tool: version pinned", "RUN go get -tool foobar@v1.2.3", false),
        LanguagePackageSpecCase("DL3062", "go run: version not pinned", "RUN go run example.com/pkg", true),
        LanguagePackageSpecCase("DL3062", "go run: version pinned as latest", "RUN go run example.com/pkg@latest", true),
        LanguagePackageSpecCase("DL3062", "go run: version pinned", "RUN go run example.com/pkg@v1.2.3", false),
        LanguagePackageSpecCase("DL3062", "go run: version pinned with flags", "RUN go run example.com/pkg@v1.2.3 -f", false),
        LanguagePackageSpecCase("DL3062", "go run: version pinned with flags", "RUN go run example.com/pkg@v1.2.3 -foobar", false),
        LanguagePackageSpecCase("DL3062", "go run: version pinned with flags", "RUN go run example.com/pkg@v1.2.3 --foobar", false),
        LanguagePackageSpecCase("DL3062", "go run: version pinned with arguments", "RUN go run example.com/pkg@v1.2.3 foobar", false),
        LanguagePackageSpecCase("DL3062", "go run: version pinned with arguments", "RUN go run example.com/pkg@v1.2.3 --foo bar", false),
        LanguagePackageSpecCase("DL3062", "go run with local absolute path", "RUN go run /go/app/foobar", false),
        LanguagePackageSpecCase("DL3062", "go run with local relative path", "RUN go run ./app/foobar", false),
        LanguagePackageSpecCase("DL3062", "go run local dir", "RUN go run .", false),

        // hadolint issue: `go run` of a local file is not a module (2.15 still reports `main.go`).
        LanguagePackageSpecCase("DL3062", "go run with a local file", "RUN go run /path/to/file.go arg", false),
    ]

    @Test("hadolint's spec cases, plain and behind ONBUILD", arguments: specCases)
    func spec(_ spec: LanguagePackageSpecCase) {
        for text in ["FROM alpine:3.20\n\(spec.run)\n", "FROM alpine:3.20\nONBUILD \(spec.run)\n"] {
            let found = findings(text, spec.code)
            #expect(found.isEmpty != spec.fires, "\(text): \(found.map(\.message))")
        }
    }

    /// A Dockerfile and the words each finding of `code` must cover, in order.
    struct WordCase: Sendable, CustomTestStringConvertible {
        let code: String
        let text: String
        let words: [String]
        init(_ code: String, _ text: String, _ words: [String]) {
            self.code = code
            self.text = text
            self.words = words
        }
        var testDescription: String { "\(code): \(text.split(separator: "\n").dropFirst().joined(separator: " | "))" }
    }

    static let wordCases: [WordCase] = [
        // Spellings and wrappers.
        WordCase("DL3013", "FROM python:3.12\nRUN sudo -E /usr/local/bin/pip3.12 install a && env X=1 nice python3 -m pip install b\n", ["a", "b"]),
        WordCase("DL3013", "FROM python:3.12\nRUN uv --quiet pip install --system a 'b==1' && uv pip compile c\n", ["a"]),
        WordCase("DL3013", "FROM python:3.12\nRUN sh -c 'pip install a' && bash -euxc \"pip3 install b\"\n", ["a", "b"]),
        WordCase("DL3013", "FROM python:3.12\nRUN <<EOF\nset -e\npip install a\nEOF\n", ["a"]),
        WordCase("DL3013", "FROM python:3.12\nRUN [\"python3\", \"-m\", \"pip\", \"install\", \"a\", \"b==1\"]\n", ["\"a\""]),
        WordCase("DL3013", "FROM python:3.12\nRUN pipx install a && pipenv install b && poetry add c\n", ["a"]),
        // Options read as pip reads them.
        WordCase("DL3013", "FROM python:3.12\nRUN pip --timeout 60 install --retries 3 -t /opt -C k=v --progress-bar off a==1 b\n", ["b"]),
        WordCase("DL3013", "FROM python:3.12\nRUN pip install -qU pip && pip install -rrequirements.txt x && pip install --constraint=c.txt y\n", ["pip"]),
        WordCase("DL3013", "FROM python:3.12\nRUN pip install --no-index --find-links /wheels a && pip install -e . -e ./lib -e git+https://h/o/r.git#egg=r\n", ["git+https://h/o/r.git#egg=r"]),
        WordCase("DL3013", "FROM python:3.12\nRUN pip install -- a 'b>1'\n", ["a"]),
        // Requirements.
        WordCase("DL3013", "FROM python:3.12\nRUN pip install \"a; python_version < '3.13'\" 'b[x]==1' 'c (==1.0)' 'd @ https://h/d.zip' e@https://h/e.tar.gz\n", ["\"a; python_version < '3.13'\""]),
        WordCase("DL3013", "FROM python:3.12\nRUN pip install 'r @ git+https://h/o/r.git' git+ssh://git@h/o/s.git git+ssh://git@h/o/t.git@v1 git+file:///src/u@abc\n", ["'r @ git+https://h/o/r.git'", "git+ssh://git@h/o/s.git"]),
        WordCase("DL3013", "FROM python:3.12\nRUN pip install a>=1.0 'b>=1.0'\n", ["a"]),
        WordCase("DL3013", "FROM python:3.12\nRUN pip install . '.[dev]' ./x /x ~/x x/y dist/x.whl x-1.0.tar.gz x.zip\n", []),
        // Versions and lists of packages from ARG and ENV; unknown values are not judged.
        WordCase("DL3013", "FROM python:3.12\nARG PACKAGES=\"a b==1\"\nARG V\nENV W=2\nRUN pip install $PACKAGES \"c==${V}\" \"d${V}\" \"e==$W\" $(cat list) \"$W\"\n", ["$PACKAGES", "\"$W\""]),
        WordCase("DL3013", "ARG FLASK=flask\nFROM python:3.12\nARG FLASK\nRUN pip install ${FLASK} ${FLASK:+x==1} ${MISSING:-y}\n", ["${FLASK}", "${MISSING:-y}"]),
        WordCase("DL3013", "FROM python:3.12\nENV PIP_CONSTRAINT=/c.txt\nRUN pip install a\n", []),
        WordCase("DL3013", "FROM python:3.12\nRUN PIP_CONSTRAINT=/c.txt pip install a && pip install b\n", ["b"]),
        WordCase("DL3013", "FROM python:3.12\nRUN pip install \\\n      a==1 \\\n# a comment\n      b\n", ["b"]),

        // npm: aliases, options before the command, options with values.
        WordCase("DL3016", "FROM node:22\nRUN npm i a && npm add b && npm isntall c && npm ci && npm install && npm run install d\n", ["a", "b", "c"]),
        WordCase("DL3016", "FROM node:22\nRUN npm -g --prefix /usr/local install --omit dev --loglevel warn -w app a@1 b\n", ["b"]),
        WordCase("DL3016", "FROM node:22\nRUN npm install --omit dev && npm install --save-exact=true a\n", ["a"]),
        WordCase("DL3016", "FROM node:22\nRUN npm install a@latest 'b@*' c@ @s/d@latest @s/e@^1 f@next g@npm:h h@npm:i@1\n", ["a@latest", "'b@*'", "c@", "@s/d@latest", "g@npm:h"]),
        WordCase("DL3016", "FROM node:22\nRUN npm install github:o/r o/r o/s#v1 gitlab:o/t#abc git+file:///src/u\n", ["github:o/r", "o/r", "git+file:///src/u"]),
        WordCase("DL3016", "FROM node:22\nRUN npm install . .. file:../x https://h/x.tgz https://h/y ~/z\n", []),
        WordCase("DL3016", "FROM node:22\nARG NPM_VERSION=latest\nARG PNPM\nRUN npm install -g \"npm@${NPM_VERSION}\" \"pnpm@${PNPM}\"\n", ["\"npm@${NPM_VERSION}\""]),
        WordCase("DL3016", "FROM node:22\nRUN [\"npm\", \"install\", \"-g\", \"a\"]\n", ["\"a\""]),

        // gem: options with and without values, pins for the whole command.
        WordCase("DL3028", "FROM ruby:3.3\nRUN gem install --no-document a && gem install -N b && gem install --no-ri --no-rdoc c\n", ["a", "b", "c"]),
        WordCase("DL3028", "FROM ruby:3.3\nRUN gem install -i /gems -n /usr/bin --source https://h a && gem install --platform ruby b:1\n", ["a"]),
        WordCase("DL3028", "FROM ruby:3.3\nRUN gem install a -v2.0 && gem install b --version=1 && gem install -g && gem install --file Gemfile c\n", []),
        WordCase("DL3028", "FROM ruby:3.3\nRUN gem install ./a.gem vendor/b-1.0.gem c.gem d:1 -- --with-x e\n", []),
        WordCase("DL3028", "FROM ruby:3.3\nRUN gem update --system && bundle install && gem list a\n", []),
        WordCase("DL3028", "FROM ruby:3.3\nARG BUNDLER=bundler\nRUN sudo gem install $BUNDLER\n", ["$BUNDLER"]),

        // go: one package for go run, build flags with values, queries for the newest version.
        WordCase("DL3062", "FROM golang:1.23\nRUN go run ./gen.go && go install a.com/x@latest && go get b.com/y@upgrade c.com/z@patch\n", ["a.com/x@latest", "b.com/y@upgrade", "c.com/z@patch"]),
        WordCase("DL3062", "FROM golang:1.23\nRUN go install -ldflags '-s -w' -tags netgo -o /bin a.com/x && go run b.com/y@v1 c.com/arg\n", ["a.com/x"]),
        WordCase("DL3062", "FROM golang:1.23\nRUN go install tool && go install std cmd all && go get a.com/x@none && go build b.com/y && go mod download\n", []),
        WordCase("DL3062", "FROM golang:1.23\nRUN go install a.com/x@v1.2.3 b.com/y@0123abcd c.com/z@v0.0.0-20240101000000-0123456789ab\n", []),
        WordCase("DL3062", "FROM golang:1.23\nARG V=latest\nARG W\nRUN go install a.com/x@${V} b.com/y@${W}\n", ["a.com/x@${V}"]),
    ]

    @Test("reported words", arguments: wordCases)
    func reportedWords(_ spec: WordCase) {
        #expect(words(spec.text, spec.code) == spec.words)
    }

    @Test("messages quote the package and say what to write instead")
    func messages() {
        #expect(findings("FROM python:3.12\nRUN pip install flask git+https://h/o/r.git\n", "DL3013").map(\.message) == [
            "Pin versions in pip: use 'flask==<version>' instead of 'flask', or install from a requirements file (-r)",
            "Pin versions in pip: 'git+https://h/o/r.git' installs the repository's default branch; add '@<tag or commit>' to the URL",
        ])
        #expect(findings("FROM node:22\nRUN npm install @s/a@latest o/r\n", "DL3016").map(\.message) == [
            "Pin versions in npm: use '@s/a@<version>' instead of '@s/a@latest'",
            "Pin versions in npm: 'o/r' installs the repository's default branch; add '#<commit, tag or semver:range>'",
        ])
        #expect(findings("FROM ruby:3.3\nRUN gem install bundler\n", "DL3028").map(\.message) == [
            "Pin versions in gem install: use 'bundler:<version>' or '-v <version>' instead of 'bundler'",
        ])
        #expect(findings("FROM golang:1.23\nRUN go run a.com/x@latest\n", "DL3062").map(\.message) == [
            "Pin versions in go: use 'go run a.com/x@<version>' instead of 'a.com/x@latest'",
        ])
    }

    @Test("a package on a continuation line is reported on that line")
    func continuationLine() {
        let found = findings("FROM python:3.12\nRUN pip install \\\n    a==1 \\\n    b\n", "DL3013")
        #expect(found.map(\.line) == [4])
    }

    @Test("ONBUILD triggers are read without the file's ARGs: they run in a child image")
    func onbuildVariables() {
        #expect(words("FROM python:3.12\nARG P=flask\nONBUILD RUN pip install $P\nRUN pip install $P\n", "DL3013") == ["$P"])
    }
}
