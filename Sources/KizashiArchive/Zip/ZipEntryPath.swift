import KizashiCore

/// The names of zip entries, which come from outside: decoded, and allowed only when they name a
/// file or folder strictly inside the folder being unpacked into (no zip-slip).
enum ZipEntryPath {
    static let maxNameBytes = 1_024
    static let maxComponentBytes = 255
    static let maxDepth = 64

    /// UTF-8 (flagged or not), else Shift_JIS: Windows in Japan writes unflagged CP932 names.
    static func decode(_ raw: [UInt8], utf8Flag: Bool) throws -> String {
        if let s = String(validating: raw, as: UTF8.self) { return s }
        if !utf8Flag, let s = try? SourceEncoding.shiftJIS.decode(raw) { return s }
        throw ArchiveRejected(
            .unsafePath, entry: String(decoding: raw, as: UTF8.self), "has a name that is neither UTF-8 nor Shift_JIS")
    }

    /// The relative path `name` names (a folder's without its trailing `/`), or why it is refused.
    static func validated(_ name: String) throws -> String {
        func refuse(_ why: String) -> ArchiveRejected { ArchiveRejected(.unsafePath, entry: name, why) }
        guard name.utf8.count <= maxNameBytes else { throw refuse("has a name longer than \(maxNameBytes) bytes") }
        for u in name.unicodeScalars {
            if u.value < 0x20 || u.value == 0x7F { throw refuse("has a control character in its name") }
            if u == "\\" { throw refuse("has a backslash in its name (a Windows path that could leave the folder)") }
            if u == ":" { throw refuse("has a colon in its name (a Windows drive or stream)") }
        }
        if name.hasPrefix("/") { throw refuse("has an absolute path; it would be written outside the folder") }
        let trimmed = name.hasSuffix("/") ? name.dropLast() : Substring(name)
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= maxDepth else { throw refuse("is nested more than \(maxDepth) folders deep") }
        for p in parts {
            if p.isEmpty { throw refuse("has an empty folder name (\"//\")") }
            if p == ".." { throw refuse("has \"..\" in its path; it would be written outside the folder") }
            if p == "." { throw refuse("has \".\" in its path") }
            if p.utf8.count > maxComponentBytes {
                throw refuse("has a name part longer than \(maxComponentBytes) bytes")
            }
        }
        return String(trimmed)
    }

    /// The paths seen so far: a name may not appear twice, nor be a file and a folder at once.
    struct Names {
        var files: Set<String> = []
        var folders: Set<String> = []

        mutating func insert(_ path: String, isDirectory: Bool, shownAs name: String) throws {
            func refuse(_ why: String) -> ArchiveRejected { ArchiveRejected(.unsafePath, entry: name, why) }
            if files.contains(path) { throw refuse(isDirectory ? "is both a file and a folder" : "appears twice") }
            if !isDirectory && folders.contains(path) { throw refuse("is both a file and a folder") }
            var ancestor = Substring(path)
            while let slash = ancestor.lastIndex(of: "/") {
                ancestor = ancestor[..<slash]
                if files.contains(String(ancestor)) { throw refuse("lies inside \"\(ancestor)\", which is a file") }
                folders.insert(String(ancestor))
            }
            if isDirectory { folders.insert(path) } else { files.insert(path) }
        }
    }
}
