import KizashiCore

/// One owner route as the CLI and the API show it: the webhook's number and kind, never its URL
/// (a Slack webhook URL is a secret).
public enum OwnerRouteRendering {
    public static func json(_ l: OwnerRouteService.Listed) -> JSONValue {
        .object([
            ("owner", .string(l.route.owner)),
            ("webhook_id", l.route.webhookId.map { .int(Int($0)) } ?? .null),
            ("webhook_kind", l.webhook.map { .string($0.kind.rawValue) } ?? .null),
            ("webhook_active", l.webhook.map { .bool($0.active) } ?? .null),
            ("emails", .array(l.route.emails.map { .string($0) })),
            ("accounts", .int(l.accounts)),
        ])
    }

    /// `佐藤  webhook 2 (slack)  sato@example.co.jp  3 accounts`.
    public static func line(_ l: OwnerRouteService.Listed) -> String {
        let hook =
            l.route.webhookId.map { id in
                "webhook \(id)" + (l.webhook.map { " (\($0.kind.rawValue)\($0.active ? "" : ", removed"))" } ?? "")
            } ?? "no webhook"
        let mail = l.route.emails.isEmpty ? "no e-mail" : l.route.emails.joined(separator: ",")
        return "\(l.route.owner)  \(hook)  \(mail)  \(l.accounts) account\(l.accounts == 1 ? "" : "s")"
    }
}
