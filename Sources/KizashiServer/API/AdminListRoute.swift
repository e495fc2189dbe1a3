import Hummingbird
import KizashiCore

extension RouterGroup where Context == KizashiRequestContext {
    /// An admin-only `GET` answering a JSON array: the listing every admin resource (tokens,
    /// users, site keys, webhooks, deliveries) opens with. The role is checked before `rows` reads.
    func adminList(_ path: RouterPath, _ rows: @escaping @Sendable () async throws -> [JSONValue]) {
        get(path) { _, context in
            try context.require(.admin)
            return Responses.json(.array(try await rows()))
        }
    }
}
