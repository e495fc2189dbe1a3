import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KizashiCore
import KizashiStore
import Synchronization
import Testing

@testable import KizashiApp
@testable import KizashiServer

/// Issue 23, "a dashboard that never stalls after a change": the server loads today's default
/// pages right after a change, before anyone asks (`ReadModelWarmUp`). Observed through the read
/// model's own caches: the overview's reports and the account list's engagement.
@Suite("Server: the read model warmed after a change")
struct ReadModelWarmUpTests {
    @Test("after a change the overview's reports and the account list are loaded, then dashboards are told")
    func warmed() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        let data = w.services.data
        #expect(await data.reports.isEmpty)
        #expect(await data.engagementLoad == nil)
        // An open dashboard hears of the change when the pages are loaded, not before.
        var heard = await w.services.changes.subscribe().makeAsyncIterator()
        await w.services.changed()
        #expect(await heard.next() == 1)
        // The overview of 2026Q3 (today 09-30) and its previous quarter, and its twelve months.
        let periods = Set(await data.reports.values.map(\.period.label))
        #expect(periods.isSuperset(of: ["2026Q3", "2026Q2", "2026-09", "2025-10"]))
        // The account list's engagement over the 90-day window ending today (07-03 … 09-30).
        #expect(await data.engagementLoad?.days == Day(iso: "2026-07-03")!...Day(iso: "2026-09-30")!)
        // A later change starts again: the caches are dropped, then loaded anew.
        await w.services.changed()
        await w.services.warmUp.finished()
        #expect(Set(await data.reports.values.map(\.period.label)).contains("2026Q3"))
    }

    @Test("turned off, a change loads nothing until a page asks, and is told at once")
    func off() async throws {
        let w = try await TestWorkspace.make { $0.warmReadModel = false }
        defer { Task { await w.close() } }
        var heard = await w.services.changes.subscribe().makeAsyncIterator()
        await w.services.changed()
        #expect(await heard.next() == 1)
        #expect(await w.services.data.reports.isEmpty)
        #expect(await w.services.data.engagementLoad == nil)
    }

    @Test("a change heard on the change feed (another process's): warmed only while a dashboard is open")
    func elsewhere() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        let data = w.services.data
        // No dashboard open: only dropped.
        await w.services.changedElsewhere()
        await w.services.warmUp.finished()
        #expect(await data.reports.isEmpty)
        #expect(await data.engagementLoad == nil)
        // One open: it hears of the change once the pages are loaded.
        var heard = await w.services.changes.subscribe().makeAsyncIterator()
        await w.services.changedElsewhere()
        #expect(await heard.next() == 2)
        #expect(Set(await data.reports.values.map(\.period.label)).contains("2026Q3"))
        #expect(await data.engagementLoad != nil)
    }

    @Test("an import's response comes when the pages are loaded: the dashboard shows it at once")
    func importWaits() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        var csv = try await w.bearer(.editor)
        csv[.contentType] = "text/csv"
        let headers = csv
        let data = w.services.data
        try await w.test { client in
            let r = try await client.execute(
                uri: "/api/v1/imports?entity=companies", method: .post, headers: headers,
                body: ByteBuffer(string: "company_id,name\nC9,株式会社テスト\n"))
            #expect(r.status == .ok, "\(String(buffer: r.body))")
            // No page was asked for, yet the overview's quarter and the account list are loaded.
            #expect(Set(await data.reports.values.map(\.period.label)).contains("2026Q3"))
            #expect(await data.engagementLoad != nil)
        }
    }

    /// Batches that waited in the inbox during an import are applied right after it; a warm-up
    /// beside them kept the cores from the batches still arriving (`bench/events-during-import`).
    @Test("an import during which event batches waited: nothing is warmed, the dashboard is told at once")
    func importWithWaitingEvents() async throws {
        let w = try await TestWorkspace.make { $0.applyEventInbox = false }
        defer { Task { await w.close() } }
        var csv = try await w.bearer(.editor)
        csv[.contentType] = "text/csv"
        let headers = csv
        let data = w.services.data
        // A batch that arrived while the import ran (the inbox is applied below, by hand).
        try await w.services.store.appendToInbox(
            events: [#"{"type":"page","messageId":"w1","anonymousId":"a1","context":{"groupId":"C1"}}"#],
            receivedAt: Instant(millisecondsSinceEpoch: 1_790_000_000_000))
        var heard = await w.services.changes.subscribe().makeAsyncIterator()
        try await w.test { client in
            let r = try await client.execute(
                uri: "/api/v1/imports?entity=companies", method: .post, headers: headers,
                body: ByteBuffer(string: "company_id,name\nC9,株式会社テスト\n"))
            #expect(r.status == .ok, "\(String(buffer: r.body))")
        }
        // Told of the change (at once: nothing was loading), and no page's figures were loaded.
        #expect(await heard.next() == 1)
        await w.services.warmUp.finished()
        #expect(await data.reports.isEmpty)
        #expect(await data.engagementLoad == nil)
        // The batch waits for the inbox to be applied, and new batches join it until then.
        #expect(try await w.services.store.inboxBatches(limit: 10).count == 1)
        #expect(await w.services.imports.holdsEvents)
        #expect(try await w.services.applyInbox() == 1)
        #expect(try await w.services.store.inboxBatches(limit: 10).isEmpty)
        #expect(await !w.services.imports.holdsEvents)
    }

    /// A warm-up longer than the limit: the wait ends at the limit, the warm-up goes on.
    @Test("waiting for a warm-up ends at its limit")
    func boundedWait() async throws {
        let warmUp = ReadModelWarmUp()
        let done = Mutex(false)
        await warmUp.start([
            {
                try? await Task.sleep(for: .seconds(3))
                done.withLock { $0 = true }
            }
        ]) {}
        await warmUp.finished(within: .milliseconds(50))
        #expect(done.withLock { $0 } == false)
        await warmUp.finished()
        #expect(done.withLock { $0 } == true)
    }
}
