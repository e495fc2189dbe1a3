/// An import asked for something that cannot be done as asked (before any row is read): the
/// shells show it as their own input error — `kizashi import` as a usage error, the API as a
/// 400 naming `field`.
public struct ImportRequestProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The input at fault, named as the API's query parameter (the CLI's option where one exists).
    public enum Field: String, Sendable {
        case source, file, entity
    }
    public var field: Field
    public var message: String

    public init(_ field: Field, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { message }
}
