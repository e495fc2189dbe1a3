import ArgumentParser
import Foundation
import KizashiApp
import KizashiCore
import KizashiStore

struct MergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "名寄せ: merge duplicate companies into one, reversibly.",
        discussion: """
            kizashi merge KEEP DROP…   move everything of each DROP company to KEEP, then delete DROP
            kizashi merge --list       the merge log
            kizashi merge --undo N     put back what merge N moved (the newest merge first)

            `kizashi duplicates` lists candidates with their evidence. Contacts, activities recorded
            against the company, intent, meetings, opportunities, contracts and target memberships move;
            the dropped company's record and the ID of every moved row are kept in the merge log.
            """
    )
    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "The company to keep, then the companies to merge into it.") var ids: [String] = []
    @Flag(help: "List the merge log.") var list = false
    @Option(help: "Undo the merge with this number.") var undo: Int64?

    func run() async throws {
        let store: any WorkspaceStore
        do { store = try await workspace.openStore() } catch let e as StoreError {
            throw ValidationError(e.message)
        }
        defer { Task { try? await store.close() } }
        let merger = CompanyMerger(store: store)
        do {
            if list {
                let log = try await store.merges()
                if log.isEmpty { print("No merges.") }
                for m in log {
                    let o = (try? JSONSerialization.jsonObject(with: Data(m.record.utf8))) as? [String: Any]
                    let dropped = (o?["dropped"] as? [[String: Any]] ?? []).compactMap {
                        ($0["company"] as? [String: Any])?["id"] as? String
                    }
                    print(
                        "\(m.id)\t\(m.mergedAt)\tkept \(o?["kept"] as? String ?? "?")\tdropped \(dropped.joined(separator: ", "))"
                    )
                }
            } else if let undo {
                let restored = try await merger.undo(mergeId: undo)
                await AuditTrail(store: store).record(
                    .companyMergeUndo, by: .commandLine, target: "merge \(undo)",
                    detail: "restored \(restored.joined(separator: ", "))")
                print("Merge \(undo) undone: \(restored.joined(separator: ", ")) restored with their rows.")
            } else {
                guard ids.count >= 2 else {
                    throw ValidationError("give the company to keep and at least one to merge into it")
                }
                let now = WorkspaceClock.now()
                let r = try await merger.merge(keep: ids[0], drop: Array(ids.dropFirst()), now: now)
                await AuditTrail(store: store).record(
                    .companyMerge, by: .commandLine, target: ids[0],
                    detail: "merge \(r.mergeId): \(ids.dropFirst().joined(separator: ", ")) merged in")
                let moved = r.moved.filter { $0.value > 0 }.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                print(
                    "Merge \(r.mergeId): \(ids.dropFirst().joined(separator: ", ")) → \(ids[0]); moved \(moved.isEmpty ? "nothing" : moved.joined(separator: ", ")). Undo: kizashi merge --undo \(r.mergeId)"
                )
            }
            try await store.close()
        } catch let e as StoreError {
            throw ValidationError(e.message)
        }
    }
}
