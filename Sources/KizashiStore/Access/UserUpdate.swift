/// A change to a user that an admin makes when people leave, change jobs or forget a password.
/// Each one ends the user's sessions: whoever is signed in as them must sign in again (or cannot).
public enum UserUpdate: Sendable, Equatable {
    case disable
    case enable
    case delete
    case role(UserRole)
    /// A new bcrypt hash (never the password).
    case password(hash: String)

    /// Whether applying this to `user` takes an active admin away.
    public func removesActiveAdmin(from user: WorkspaceUser) -> Bool {
        guard user.isActiveAdmin else { return false }
        switch self {
        case .disable, .delete: return true
        case .role(let r): return r != .admin
        case .enable, .password: return false
        }
    }
}

/// Why a `UserUpdate` was refused.
public enum UserUpdateError: Error, Equatable, Sendable, CustomStringConvertible {
    case notFound
    /// The change would leave the workspace without an admin who can sign in.
    case lastActiveAdmin

    public var description: String {
        switch self {
        case .notFound: "there is no such user"
        case .lastActiveAdmin:
            "this is the last active admin: make another user admin first, or the workspace cannot be administered"
        }
    }
}
