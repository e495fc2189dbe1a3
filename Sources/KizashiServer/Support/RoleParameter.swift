import KizashiStore

/// `role` in a form or a JSON body: admin, editor or viewer, checked one way by every page and
/// route that sets one (anything else is a 400 naming the field).
enum RoleParameter {
    static func parse(_ text: String?) throws -> UserRole {
        guard let role = text.flatMap(UserRole.init(rawValue:)) else {
            throw ProblemDetails.badRequest("role must be admin, editor or viewer", field: "role")
        }
        return role
    }
}
