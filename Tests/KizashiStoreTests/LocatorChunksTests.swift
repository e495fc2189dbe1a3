import Foundation
import Testing

@testable import KizashiStore

/// `LocatorChunks` keeps one transaction's locator entries by account: small keys in an array,
/// keys from `denseLimit` on in a dictionary. Either way it must behave as one map.
@Suite("SQLite: locator chunks")
struct LocatorChunksTests {
    /// An entry is 8 bytes of occurred_at (little-endian), 2 of the ID's length, then the ID.
    static func entry(_ at: UInt64, _ id: String) -> [UInt8] {
        withUnsafeBytes(of: at.littleEndian, Array.init) + [UInt8(id.utf8.count), 0] + Array(id.utf8)
    }

    @Test("entries go to their account, in order; unresolved rows add none")
    func appendAndRead() {
        var chunks = LocatorChunks()
        #expect(chunks.isEmpty)
        let far = LocatorChunks.denseLimit + 5
        chunks.append(occurredAt: 1, id: "A1", account: 7)
        chunks.append(occurredAt: 2, id: "A2", account: far)
        chunks.append(occurredAt: 3, id: "A3", account: 7)
        chunks.append(occurredAt: 4, id: "A4", account: -1)
        chunks.append(occurredAt: 5, id: "A5", account: 0)
        #expect(!chunks.isEmpty)
        #expect(chunks.accounts == [0, 7, far])
        #expect(chunks[7] == Self.entry(1, "A1") + Self.entry(3, "A3"))
        #expect(chunks[far] == Self.entry(2, "A2"))
        #expect(chunks[0] == Self.entry(5, "A5"))
        #expect(chunks[3] == nil)
        #expect(chunks[-1] == nil)
        #expect(chunks[far + 1] == nil)
    }

    @Test("removing and setting chunks, below and beyond the array")
    func setAndRemove() {
        var chunks = LocatorChunks()
        chunks.append(occurredAt: 1, id: "A1", account: 2)
        chunks[2] = nil
        #expect(chunks.isEmpty)
        #expect(chunks.accounts == [])
        // A key past the array's end (not yet grown to) and one beyond the limit.
        chunks[100] = Self.entry(9, "B")
        chunks[LocatorChunks.denseLimit] = Self.entry(8, "C")
        chunks[5000] = nil
        #expect(chunks.accounts == [100, LocatorChunks.denseLimit])
        chunks.append(occurredAt: 10, id: "D", account: 100)
        #expect(chunks[100] == Self.entry(9, "B") + Self.entry(10, "D"))
        chunks[LocatorChunks.denseLimit] = nil
        #expect(chunks.accounts == [100])
    }
}
