import KizashiStore

/// Why an access use case refused: a type, so the server can answer with the right status and
/// words in the user's language, and the CLI with the English text.
public enum AccessError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidEmail(String)
    case emailTaken(String)
    case passwordTooShort(minimum: Int)
    /// bcrypt reads only the first 72 bytes: a longer password would silently be cut.
    case passwordTooLong(maximumBytes: Int)
    /// A NUL would end the password early for bcrypt, other control characters cannot be typed.
    case passwordHasControlCharacters
    case tokenNameMissing
    case tokenNameTooLong(maximum: Int)
    case invalidTokenLifetime(String)
    case userNotFound
    case tokenNotFound
    /// Disabling, deleting or demoting this user would leave no admin who can sign in.
    case lastActiveAdmin

    public var description: String {
        switch self {
        case .invalidEmail(let e): "\(e) is not a valid e-mail address"
        case .emailTaken(let e): "a user with the e-mail address \(e) already exists"
        case .passwordTooShort(let n): "the password must have at least \(n) characters"
        case .passwordTooLong(let n): "the password must be at most \(n) bytes long (bcrypt ignores the rest)"
        case .passwordHasControlCharacters: "the password must not contain control characters"
        case .tokenNameMissing: "give the token a name (what will use it)"
        case .tokenNameTooLong(let n): "the token name must be at most \(n) characters"
        case .invalidTokenLifetime(let why): why
        case .userNotFound: "there is no such user"
        case .tokenNotFound: "there is no such API token"
        case .lastActiveAdmin:
            "this is the last active admin: make another user admin first, or nobody could administer the workspace"
        }
    }

    init(_ e: UserUpdateError) {
        switch e {
        case .notFound: self = .userNotFound
        case .lastActiveAdmin: self = .lastActiveAdmin
        }
    }
}
