import KizashiCore
import KizashiStore

/// The HubSpot private-app token, stored sealed (`CRMSecretBox`) in the workspace. The token is
/// never logged, printed or returned by the API; only whether one is set.
public struct HubSpotCredentials: Sendable {
    public static let provider = "hubspot"
    static let purpose = "crm:hubspot"
    /// A private-app token is about 44 characters; anything far longer is not one.
    public static let maxTokenLength = 512

    public let store: any WorkspaceStore
    public let box: CRMSecretBox?

    public init(store: any WorkspaceStore, box: CRMSecretBox?) {
        self.store = store
        self.box = box
    }

    /// Stores `token` sealed. Throws `CRMSecretProblem(.noKey)` without a key and
    /// `CRMSyncProblem.badToken` for text that cannot be a token.
    public func set(_ token: String, at: Instant) async throws {
        let t = token.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.isEmpty, t.utf8.count <= Self.maxTokenLength,
            t.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F })
        else { throw CRMSyncProblem(.badToken) }
        guard let box else { throw CRMSecretProblem(kind: .noKey) }
        try await store.setCRMCredential(
            provider: Self.provider, sealed: try box.seal(t, purpose: Self.purpose), at: at)
    }

    public func clear(at: Instant) async throws {
        try await store.setCRMCredential(provider: Self.provider, sealed: nil, at: at)
    }

    public func isSet() async throws -> Bool { try await store.crmCredential(provider: Self.provider) != nil }

    /// The token, opened; nil when none is stored.
    func token() async throws -> String? {
        guard let sealed = try await store.crmCredential(provider: Self.provider) else { return nil }
        guard let box else { throw CRMSecretProblem(kind: .noKey) }
        return try box.open(sealed, purpose: Self.purpose)
    }
}

/// Why a sync could not be run as asked (the CLI says it and exits 1; the API answers 400/409).
public struct CRMSyncProblem: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// No token stored: `kizashi sync hubspot --set-token`.
        case noToken
        /// The text given as a token cannot be one (empty, too long, spaces or control characters).
        case badToken
        /// The base URL is not http(s)://host[:port].
        case badBaseURL
        /// No Salesforce client credentials stored: `kizashi sync salesforce --set-credentials`.
        case noSalesforceCredentials
        /// The Salesforce instance URL is not https://host[:port] (http only on loopback).
        case badInstanceURL
        /// A client ID or secret that cannot be one (empty, too long, spaces or control characters).
        case badClientCredentials
    }
    public var kind: Kind
    public init(_ kind: Kind) { self.kind = kind }
    public var description: String {
        switch kind {
        case .noToken: "no HubSpot token is stored: run `kizashi sync hubspot --set-token` (reads it from stdin)"
        case .badToken: "that is not a HubSpot private-app token (empty, over 512 characters, or with spaces)"
        case .badBaseURL: "the HubSpot base URL must be http(s)://host[:port] without a path"
        case .noSalesforceCredentials:
            "no Salesforce client credentials are stored: run `kizashi sync salesforce --set-credentials --instance-url … --client-id …` (reads the secret from stdin) or use Settings"
        case .badInstanceURL:
            "the Salesforce instance URL must be https://host[:port] without a path (your My Domain, e.g. https://acme.my.salesforce.com)"
        case .badClientCredentials:
            "that is not a Salesforce consumer key and secret (empty, over 512 characters, or with spaces)"
        }
    }
}
