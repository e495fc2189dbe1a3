import Foundation
import KizashiTestZips
import Testing
import ZIPFoundation

@testable import KizashiArchive

/// `ArchiveExtractor` against what issue 25 found and the classic zip attacks. Each hostile zip
/// is built here, byte by byte (`TestZip`); a refused zip must leave nothing behind.
@Suite("Zip extraction within limits")
struct ArchiveExtractorTests {
    func refusal(_ zip: [UInt8], limits: ArchiveLimits = .default, into folder: URL = Scratch.folder())
        -> ArchiveRejected?
    {
        do {
            _ = try ArchiveExtractor.extract(zipBytes: zip, to: folder, limits: limits)
            return nil
        } catch let e as ArchiveRejected {
            return e
        } catch {
            Issue.record("not an ArchiveRejected: \(error)")
            return nil
        }
    }

    @Test("a package zipped by ZIPFoundation (as kizashi export does) unpacks to its files: 0600 files, 0700 folders")
    func realPackage() throws {
        let source = Scratch.folder()
        try FileManager.default.createDirectory(
            at: source.appendingPathComponent("sub"), withIntermediateDirectories: true)
        let companies = "company_id,name\nC1,Alpha\n"
        try companies.write(to: source.appendingPathComponent("companies.csv"), atomically: true, encoding: .utf8)
        try "memo".write(to: source.appendingPathComponent("sub/notes.txt"), atomically: true, encoding: .utf8)
        let zip = Scratch.folder().appendingPathExtension("zip")
        try FileManager.default.zipItem(at: source, to: zip, shouldKeepParent: false)
        let out = Scratch.folder()
        let written = try ArchiveExtractor.extract(zipAt: zip, to: out, limits: .default)
        #expect(written == ["companies.csv", "sub/notes.txt"])
        #expect(try String(contentsOf: out.appendingPathComponent("companies.csv"), encoding: .utf8) == companies)
        #expect(try String(contentsOf: out.appendingPathComponent("sub/notes.txt"), encoding: .utf8) == "memo")
        func mode(_ u: URL) throws -> Int {
            (try FileManager.default.attributesOfItem(atPath: u.path)[.posixPermissions] as? Int ?? -1) & 0o777
        }
        #expect(try mode(out.appendingPathComponent("companies.csv")) & 0o077 == 0)
        #expect(try mode(out.appendingPathComponent("sub/notes.txt")) & 0o077 == 0)
        #expect(try mode(out.appendingPathComponent("sub")) & 0o077 == 0)
        #expect(try mode(out) & 0o077 == 0)
    }

    @Test("zip bomb: 64 MiB of zeros packed into under 100 KB is refused by its ratio before a byte is written")
    func bombByRatio() {
        let zeros = [UInt8](repeating: 0, count: 64 << 20)
        let zip = TestZip.build([.init("companies.csv", zeros)])
        // Deflate packs a run of zeros about 1,030 : 1, so 64 MiB ≈ 65 KB; the ratio is ≥ 671 > 200.
        #expect(zip.count < 100_000)
        let folder = Scratch.folder()
        let e = refusal(zip, into: folder)
        #expect(e?.reason == .compressionRatio)
        #expect(e?.entry == "companies.csv")
        #expect(!Scratch.exists(folder))
    }

    @Test("the issue's upload: an entry declaring 3 GiB is refused by the 2 GiB cap without inflating it")
    func declaredTooLarge() {
        // 3 MB of noise (deflate leaves it about 3 MB) that declares 3 GiB (3 × 2^30 bytes).
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        let noise = (0..<3_000_000).map { _ -> UInt8 in
            x ^= x << 13
            x ^= x >> 7
            x ^= x << 17
            return UInt8(truncatingIfNeeded: x)
        }
        let zip = TestZip.build([.init("companies.csv", noise, declaredUncompressed: 3 << 30)])
        let folder = Scratch.folder()
        let e = refusal(zip, into: folder)
        #expect(e?.reason == .tooLarge)
        #expect(e?.description.contains("over 2 GiB") == true)
        #expect(!Scratch.exists(folder))
        // A lower cap, configured: 1 MiB refuses 3 MB of honest data too.
        let honest = TestZip.build([.init("companies.csv", noise, deflate: false)])
        #expect(refusal(honest, limits: ArchiveLimits(maxUnpackedBytes: 1 << 20))?.reason == .tooLarge)
    }

    @Test(
        "sizes that lie: an entry declaring 1 MiB that inflates to 64 MiB is stopped there; what was written is removed"
    )
    func lyingSize() {
        let zeros = [UInt8](repeating: 0, count: 64 << 20)
        let zip = TestZip.build([
            .init("a.csv", Array("id\n1\n".utf8)), .init("b.csv", zeros, declaredUncompressed: 1 << 20),
        ])
        let folder = Scratch.folder()
        let e = refusal(zip, into: folder)
        #expect(e?.reason == .tooLarge)
        #expect(e?.detail == "unpacks to more than the 1048576 bytes it declares")
        #expect(!Scratch.exists(folder))
    }

    @Test("zip-slip: .., absolute paths, backslashes, drive letters and empty parts are refused")
    func zipSlip() throws {
        let parent = Scratch.folder()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let folder = parent.appendingPathComponent("out")
        for name in [
            "../x", "a/../../x", "/tmp/kizashi-x", "..\\x", "a\\..\\..\\x", "C:/x", "./x", "a//x", "..", "a/..",
        ] {
            let e = refusal(TestZip.build([.init(name, Array("owned".utf8))]), into: folder)
            #expect(e?.reason == .unsafePath, "\(name)")
            #expect(e?.entry == name)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path).isEmpty)
        #expect(!Scratch.exists(URL(fileURLWithPath: "/tmp/kizashi-x")))
        let e = refusal(TestZip.build([.init("../x", [])]))
        #expect(
            e?.description
                == "The zip was refused: entry \"../x\" has \"..\" in its path; it would be written outside the folder."
        )
    }

    @Test("a symlink entry is refused, and nothing is written through it")
    func symlinkEntry() throws {
        let folder = Scratch.folder()
        let zip = TestZip.build([
            .init("d", Array("/tmp".utf8), deflate: false, unixMode: 0o120777),
            .init("d/kizashi-evil", Array("owned".utf8)),
        ])
        let e = refusal(zip, into: folder)
        #expect(e?.reason == .unsafePath)
        #expect(e?.entry == "d")
        #expect(e?.detail == "is a symbolic link; links are never unpacked")
        #expect(!Scratch.exists(folder))
        #expect(!Scratch.exists(URL(fileURLWithPath: "/tmp/kizashi-evil")))
        // A device or a pipe is no file either.
        let fifo = TestZip.build([.init("p", [], deflate: false, unixMode: 0o010644)])
        #expect(refusal(fifo)?.reason == .unsafePath)
    }

    @Test("a link planted in the destination folder is not followed")
    func plantedLink() throws {
        let folder = Scratch.folder(), outside = Scratch.folder()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: folder.appendingPathComponent("sub"), withDestinationURL: outside)
        try FileManager.default.createSymbolicLink(
            at: folder.appendingPathComponent("top.csv"), withDestinationURL: outside.appendingPathComponent("top.csv"))
        #expect(throws: (any Error).self) {
            try ArchiveExtractor.extract(zipBytes: TestZip.build([.init("sub/x.csv", [1])]), to: folder)
        }
        #expect(throws: (any Error).self) {
            try ArchiveExtractor.extract(zipBytes: TestZip.build([.init("top.csv", [1])]), to: folder)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
    }

    @Test("more entries than the limit are refused before any is read")
    func tooManyEntries() {
        let zip = TestZip.build((1...4).map { .init("f\($0).csv", [UInt8(ascii: "x")]) })
        let e = refusal(zip, limits: ArchiveLimits(maxEntries: 3))
        #expect(e?.reason == .tooManyEntries)
        #expect(e?.description == "The zip was refused: holds 4 entries; at most 3 are accepted.")
        #expect(refusal(zip, limits: ArchiveLimits(maxEntries: 4)) == nil)
    }

    @Test("not a zip, a cut zip, a damaged CRC, encryption: refused as notAZip, nothing left")
    func damaged() {
        #expect(refusal(Array("company_id,name\n".utf8))?.reason == .notAZip)
        #expect(refusal([])?.reason == .notAZip)
        let good = TestZip.build([.init("a.csv", Array("id\n1\n".utf8))])
        #expect(refusal(Array(good.dropLast(10)))?.reason == .notAZip)
        #expect(refusal(Array(good.prefix(40)))?.reason == .notAZip)
        let folder = Scratch.folder()
        let badCRC = TestZip.build([.init("a.csv", Array("id\n1\n".utf8), declaredCRC: 0x1234_5678)])
        let e = refusal(badCRC, into: folder)
        #expect(e?.reason == .notAZip && e?.detail == "is damaged (its CRC-32 does not match)")
        #expect(!Scratch.exists(folder))
        let encrypted = TestZip.build([.init("a.csv", Array("id\n1\n".utf8), flags: 1)])
        #expect(refusal(encrypted)?.detail.hasPrefix("is encrypted") == true)
    }

    @Test("names used twice, a file that is also a folder, overlapping entries: refused")
    func duplicatesAndOverlaps() {
        let twice = TestZip.build([.init("a.csv", [1]), .init("a.csv", [2])])
        #expect(refusal(twice)?.detail == "appears twice")
        let both = TestZip.build([.init("a", [1]), .init("a/b.csv", [2])])
        #expect(refusal(both)?.reason == .unsafePath)
        let bothReversed = TestZip.build([.init("a/b.csv", [2]), .init("a", [1])])
        #expect(refusal(bothReversed)?.reason == .unsafePath)
        // Two central directory records pointing at one local header: the overlapping-file bomb.
        let overlap = TestZip.build([
            .init("a.csv", Array("id\n".utf8)), .init("b.csv", Array("id\n".utf8), sharesDataWith: 0),
        ])
        #expect(refusal(overlap)?.detail.contains("overlapping entries") == true)
    }

    @Test("a Shift_JIS name from Japanese Windows is read as such")
    func shiftJISName() throws {
        var item = TestZip.Item("x", Array("id\n".utf8))
        item.name = [0x89, 0xEF, 0x8E, 0xD0] + Array(".csv".utf8)  // 会社.csv in CP932
        let folder = Scratch.folder()
        #expect(try ArchiveExtractor.extract(zipBytes: TestZip.build([item]), to: folder) == ["会社.csv"])
    }
}
