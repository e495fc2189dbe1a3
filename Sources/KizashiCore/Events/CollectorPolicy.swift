/// The workspace's privacy policy for the tracking tag, read from two workspace settings.
///
/// - `collect.keep_query` (default `false`): page addresses are stored without their query
///   string, which often carries personal data (`?email=…`, search terms, campaign ids).
/// - `collect.max_url_length` (default 1024, 64…8192): longer addresses are cut; a visitor's
///   browser should not be able to fill the store with megabyte URLs.
public struct CollectorPolicy: Sendable, Equatable {
    public static let defaultMaxURLLength = 1024
    public var limits = PageViewBeacon.Limits()

    public init() {}

    /// Reads the policy; values `WorkspaceSettings.validate` would refuse fall back to the defaults.
    public init(settings: [String: String]) {
        if let v = settings[Self.keepQueryKey], let b = Self.bool(v) { limits.keepQuery = b }
        if let v = settings[Self.maxURLLengthKey], let n = Self.length(v) { limits.maxURLLength = n }
    }

    public static let keepQueryKey = "collect.keep_query"
    public static let maxURLLengthKey = "collect.max_url_length"

    /// The keys and their help, for `kizashi settings show` and the Settings page.
    public static let keys: [(key: String, help: String)] = [
        (keepQueryKey, "keep query strings of tracked page addresses (default false: stripped)"),
        (maxURLLengthKey, "longest page address stored by the tracking tag, in bytes (default 1024)"),
    ]

    public func describe() -> [(key: String, value: String)] {
        [
            (Self.keepQueryKey, limits.keepQuery ? "true" : "false"),
            (Self.maxURLLengthKey, String(limits.maxURLLength)),
        ]
    }

    /// Why a value is refused, or nil when it is valid.
    public static func problem(key: String, value: String) -> String? {
        switch key {
        case keepQueryKey: return bool(value) == nil ? "must be true or false" : nil
        case maxURLLengthKey: return length(value) == nil ? "must be a whole number from 64 to 8192" : nil
        default: return "unknown key"
        }
    }

    static func bool(_ v: String) -> Bool? {
        switch v.trimmingASCIIWhitespace().lowercased() {
        case "true", "1", "yes": true
        case "false", "0", "no": false
        default: nil
        }
    }

    static func length(_ v: String) -> Int? {
        guard let n = Int(v.trimmingASCIIWhitespace()), (64...8192).contains(n) else { return nil }
        return n
    }
}
