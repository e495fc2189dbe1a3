import Foundation

enum Scratch {
    /// A new empty temporary folder's URL (not created).
    static func folder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("kizashi-archive-\(UUID().uuidString)")
    }

    static func exists(_ url: URL) -> Bool {
        var info = stat()
        return lstat(url.path, &info) == 0
    }
}
