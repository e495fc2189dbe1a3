import Hummingbird
import KizashiApp

extension ProblemDetails {
    /// An access use case's refusal as a problem: 404 for an unknown user or token, 409 when the
    /// workspace's state forbids it (the e-mail is taken, the last active admin), 422 when the
    /// request is well-formed but its values are not acceptable (a short password, a bad e-mail).
    static func access(_ e: AccessError) -> ProblemDetails {
        switch e {
        case .userNotFound, .tokenNotFound:
            return ProblemDetails(status: .notFound, title: "Not found", detail: e.description)
        case .emailTaken:
            return ProblemDetails(
                status: .conflict, title: "Conflict", detail: e.description, extensions: [("field", .string("email"))])
        case .lastActiveAdmin:
            return ProblemDetails(status: .conflict, title: "Last active admin", detail: e.description)
        case .invalidEmail:
            return unprocessable(e, field: "email")
        case .passwordTooShort, .passwordTooLong, .passwordHasControlCharacters:
            return unprocessable(e, field: "password")
        case .tokenNameMissing, .tokenNameTooLong:
            return unprocessable(e, field: "name")
        case .invalidTokenLifetime:
            return unprocessable(e, field: "expires_in")
        }
    }

    private static func unprocessable(_ e: AccessError, field: String) -> ProblemDetails {
        ProblemDetails(
            status: .unprocessableContent, title: "Unprocessable", detail: e.description,
            extensions: [("field", .string(field))])
    }
}

/// Runs an access use case, answering its refusals as problems.
@discardableResult
func accessProblems<T>(_ body: () async throws -> T) async throws -> T {
    do { return try await body() } catch let e as AccessError { throw ProblemDetails.access(e) }
}
