import KizashiCore
import KizashiStore

/// When people leave or change jobs: disable, enable, delete, reset a password, change a role.
/// Each ends the user's sessions at once (in the same store transaction) and is audited; none may
/// leave the workspace without an active admin.
extension AccessService {
    @discardableResult
    public func disableUser(id: Int64, actor: AuditActor) async throws -> WorkspaceUser {
        try await change(id, .disable, .userDisable, actor: actor)
    }

    @discardableResult
    public func enableUser(id: Int64, actor: AuditActor) async throws -> WorkspaceUser {
        try await change(id, .enable, .userEnable, actor: actor)
    }

    /// Deletes the user; their audit entries stay (they name the e-mail, not the row).
    @discardableResult
    public func deleteUser(id: Int64, actor: AuditActor) async throws -> WorkspaceUser {
        try await change(id, .delete, .userDelete, actor: actor)
    }

    @discardableResult
    public func setRole(id: Int64, to role: UserRole, actor: AuditActor) async throws -> WorkspaceUser {
        try await change(id, .role(role), .userRoleChange, actor: actor, detail: "role \(role.rawValue)")
    }

    /// Sets a new password (checked like a new user's) and signs the user out everywhere.
    @discardableResult
    public func resetPassword(id: Int64, to password: String, actor: AuditActor) async throws -> WorkspaceUser {
        try Self.checkPassword(password)
        let hash = await passwords.hash(password)
        return try await change(id, .password(hash: hash), .userPasswordReset, actor: actor)
    }

    /// The user with this e-mail (the CLI names users by e-mail), or `AccessError.userNotFound`.
    public func user(email: String) async throws -> WorkspaceUser {
        guard email.count <= Self.maximumEmailLength,
            let u = try await store.user(email: email.trimmingCharacters(in: .whitespaces))
        else { throw AccessError.userNotFound }
        return u
    }

    private func change(
        _ id: Int64, _ update: UserUpdate, _ action: AuditAction, actor: AuditActor, detail: String? = nil
    ) async throws -> WorkspaceUser {
        let user: WorkspaceUser
        do {
            user = try await store.updateUser(id: id, update)
        } catch let e as UserUpdateError {
            throw AccessError(e)
        }
        await audit.record(action, by: actor, target: user.email, detail: detail)
        return user
    }
}
