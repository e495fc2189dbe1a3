import KizashiStore

/// The stored identities of one event batch's visitors, read once before the batch and updated
/// as the batch sets them, exactly as `setIdentity` merges in the store: a value the new identity
/// lacks stays as it was.
struct VisitorIdentityMemo {
    private var users: [String: VisitorIdentity]
    private var anonymous: [String: VisitorIdentity]

    init(users: [String: VisitorIdentity], anonymous: [String: VisitorIdentity]) {
        self.users = users
        self.anonymous = anonymous
    }

    func get(kind: String, id: String) -> VisitorIdentity? {
        kind == "user" ? users[id] : anonymous[id]
    }

    mutating func set(kind: String, id: String, _ v: VisitorIdentity) {
        let old = get(kind: kind, id: id)
        let merged = VisitorIdentity(
            contactId: v.contactId ?? old?.contactId, companyId: v.companyId ?? old?.companyId,
            email: v.email ?? old?.email)
        if kind == "user" { users[id] = merged } else { anonymous[id] = merged }
    }
}
