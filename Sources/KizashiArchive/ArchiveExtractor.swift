import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Unpacks a zip from outside into a folder, within `ArchiveLimits`: the upload route and the
/// CLI call this, never an unbounded unzip.
///
/// Everything is checked on the central directory first (count, declared sizes, ratio, names,
/// links, overlaps) — a refused zip writes nothing. While inflating, the bytes written are
/// counted again and an entry is stopped the moment it passes what it declared. Only regular
/// files are created (0600, folders 0700), always new (`O_EXCL`, `O_NOFOLLOW`): no link is
/// ever created or followed. On any error every file and folder written is removed again.
public enum ArchiveExtractor {
    /// Extracts regular files only; returns the relative paths written, sorted. `folder` is
    /// created (0700) when missing; if it exists it must be a folder (not a link).
    public static func extract(zipAt: URL, to folder: URL, limits: ArchiveLimits = .default) throws -> [String] {
        let source = try ZipFileBytes(url: zipAt)
        return try extract(source: source, to: folder, limits: limits)
    }

    /// The same from bytes in memory (tests and fuzzing).
    public static func extract(zipBytes: [UInt8], to folder: URL, limits: ArchiveLimits = .default) throws -> [String] {
        try extract(source: ZipMemoryBytes(bytes: zipBytes), to: folder, limits: limits)
    }

    static func extract(source: some ZipByteSource, to folder: URL, limits: ArchiveLimits) throws -> [String] {
        let directory = try ZipDirectory(source: source, limits: limits)
        var written = WrittenItems(root: folder.path)
        do {
            try written.makeRoot()
            var total: Int64 = 0
            for entry in directory.entries {
                switch entry.kind {
                case .directory: try written.makeFolders(entry.path, includingLast: true)
                case .file:
                    try written.makeFolders(entry.path, includingLast: false)
                    let fd = try written.createFile(entry.path)
                    defer { close(fd) }
                    try ZipEntryReader.read(entry, from: source) { piece in
                        total += Int64(piece.count)
                        guard total <= limits.maxUnpackedBytes else {
                            throw ArchiveRejected(
                                .tooLarge, entry: entry.path,
                                "brings what the zip unpacks to over \(ZipDirectory.bytes(UInt64(max(0, limits.maxUnpackedBytes))))"
                            )
                        }
                        try Self.writeAll(piece, to: fd, path: entry.path)
                    }
                }
            }
        } catch {
            written.removeAll()
            throw error
        }
        return written.files.sorted()
    }

    static func writeAll(_ piece: UnsafeRawBufferPointer, to fd: Int32, path: String) throws {
        var done = 0
        while done < piece.count {
            let n = write(fd, piece.baseAddress! + done, piece.count - done)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
            done += n
        }
    }
}

/// What one extraction created, so that a refusal can take it all back.
struct WrittenItems {
    let root: String
    var createdRoot = false
    /// Relative paths of files and folders created, in order.
    var files: [String] = []
    var folders: [String] = []
    var knownFolders: Set<String> = [""]

    func absolute(_ relative: String) -> String { relative.isEmpty ? root : root + "/" + relative }

    mutating func makeRoot() throws {
        var info = stat()
        if lstat(root, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                throw CocoaError(.fileWriteFileExists, userInfo: [NSFilePathErrorKey: root])
            }
            return
        }
        guard mkdir(root, 0o700) == 0 else { throw Self.posixError(root) }
        createdRoot = true
    }

    /// Creates the folders of `path` (all but its last part unless `includingLast`), 0700.
    /// A part that exists must be a real folder: links are not followed.
    mutating func makeFolders(_ path: String, includingLast: Bool) throws {
        var parts = path.split(separator: "/").map(String.init)
        if !includingLast { parts.removeLast() }
        var current = ""
        for p in parts {
            current = current.isEmpty ? p : current + "/" + p
            if knownFolders.contains(current) { continue }
            let full = absolute(current)
            if mkdir(full, 0o700) == 0 {
                folders.append(current)
            } else {
                var info = stat()
                guard errno == EEXIST, lstat(full, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
                    throw Self.posixError(full)
                }
            }
            knownFolders.insert(current)
        }
    }

    /// A new regular file, 0600; never an existing file, never through a link.
    mutating func createFile(_ path: String) throws -> Int32 {
        let full = absolute(path)
        let fd = open(full, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Self.posixError(full) }
        files.append(path)
        return fd
    }

    func removeAll() {
        for f in files.reversed() { unlink(absolute(f)) }
        for d in folders.reversed() { rmdir(absolute(d)) }
        if createdRoot { rmdir(root) }
    }

    static func posixError(_ path: String) -> Error {
        let code = POSIXErrorCode(rawValue: errno) ?? .EIO
        return CocoaError(
            .fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSUnderlyingErrorKey: POSIXError(code)])
    }
}
