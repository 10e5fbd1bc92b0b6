// How the model tells a Windows stage: by the base image's name, by the file's escape character,
// and by a SHELL that only Windows has. A Windows stage's RUN lines go to cmd, not sh, and its
// accounts have no numeric ids, so several rules say nothing about it.

extension ImageReference {
    /// True when the reference names a Windows image: Microsoft's Windows base images
    /// (`mcr.microsoft.com/windows`, `…/windows/servercore`, `…/windows/nanoserver`,
    /// `…/windows/server`), .NET Framework images (`…/dotnet/framework/sdk`), the legacy Docker Hub
    /// names (`microsoft/windowsservercore`, `microsoft/nanoserver`), and any image whose tag names
    /// a Windows variant or release: `windowsservercore`, `nanoserver`, `servercore`, `ltsc2022`,
    /// `1809` as a `-`-separated part of the tag (`python:3.13-windowsservercore-ltsc2022`,
    /// `mcr.microsoft.com/powershell:lts-nanoserver-1809`, `…/dotnet/sdk:8.0-nanoserver-ltsc2022`).
    public var namesWindowsImage: Bool {
        let lowered = repository.lowercased()
        // An ASCII name splits the same on its bytes, without reading characters.
        let components = lowered.utf8.allSatisfy { $0 < 0x80 }
            ? lowered.utf8.split(separator: UInt8(ascii: "/")).map { String(decoding: $0, as: UTF8.self) }
            : lowered.split(separator: "/").map(String.init)
        // Three names: compared in place, not hashed into a set built for every FROM.
        if components.contains(where: { $0 == "windowsservercore" || $0 == "nanoserver" || $0 == "servercore" }) { return true }
        let isMicrosoftRegistry = registry?.lowercased() == "mcr.microsoft.com"
        for (position, component) in components.enumerated() {
            let next = position + 1 < components.count ? components[position + 1] : nil
            // `mcr.microsoft.com/windows[:tag]`, and `windows/server…` on any registry (a mirror).
            if component == "windows", (isMicrosoftRegistry && position == 0) || next?.hasPrefix("server") == true { return true }
            if component == "dotnet", next == "framework" { return true }
        }
        guard let tag = tag?.lowercased() else { return false }
        return tag.split(separator: "-").contains { part in
            part.hasPrefix("windowsservercore") || part.hasPrefix("nanoserver") || part == "servercore"
                || part == "1809" || Self.isLTSCRelease(part)
        }
    }

    /// `ltsc2019`, `ltsc2022`, `ltsc2025`: a Windows Server long-term release.
    private static func isLTSCRelease(_ part: Substring) -> Bool {
        guard part.hasPrefix("ltsc20") else { return false }
        let year = part.dropFirst(6)
        return year.count == 2 && year.allSatisfy(\.isASCII) && year.allSatisfy(\.isNumber)
    }
}

enum WindowsShell {
    /// True when a SHELL (exec form) can only be Windows: `cmd`, Windows PowerShell
    /// (`powershell`, `powershell.exe`), or a program given by a drive-letter path
    /// (`C:\\Program Files\\…`). `pwsh` runs on Linux too, so it says nothing.
    static func isWindowsOnly(_ shell: [String]) -> Bool {
        guard let first = shell.first else { return false }
        let bytes = Array(first.utf8)
        if bytes.count >= 3, bytes[1] == UInt8(ascii: ":"), bytes[2] == UInt8(ascii: "\\") || bytes[2] == UInt8(ascii: "/"),
           (bytes[0] | 0x20) >= UInt8(ascii: "a"), (bytes[0] | 0x20) <= UInt8(ascii: "z") { return true }
        var program = first.split(separator: "\\").last.map(String.init) ?? first
        program = PathText.basename(program)
        program = program.lowercased()
        if program.hasSuffix(".exe") { program.removeLast(4) }
        return program == "cmd" || program == "powershell"
    }
}
