import Foundation
import KizashiCore
import KizashiStore

/// A Salesforce connected app's client credentials: the org's instance URL (its My Domain, e.g.
/// `https://acme.my.salesforce.com`), the consumer key (client ID) and the consumer secret.
/// The three are stored together, sealed (`CRMSecretBox`, purpose `crm:salesforce`), in the
/// workspace; the secret is never logged, printed or returned by the API.
public struct SalesforceCredentials: Sendable {
    public static let provider = "salesforce"
    static let purpose = "crm:salesforce"
    /// A consumer key is 85 characters and a secret 64; anything far longer is not one.
    public static let maxLength = 512

    /// What is stored (opened only to run a sync or to show the instance and client ID). Printed
    /// or interpolated, it never shows the secret.
    public struct Stored: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
        public var description: String { "Salesforce client credentials for \(instanceURL) (consumer key \(clientId))" }
        public var debugDescription: String { description }
        public var instanceURL: String
        public var clientId: String
        var clientSecret: String
    }

    public let store: any WorkspaceStore
    public let box: CRMSecretBox?

    public init(store: any WorkspaceStore, box: CRMSecretBox?) {
        self.store = store
        self.box = box
    }

    /// `https://host[:port]` without a path (http only for a loopback test server); nil otherwise.
    public static func checkedInstanceURL(_ raw: String) -> String? {
        guard let t = HubSpotConnection.checkedBaseURL(raw), let host = URL(string: t)?.host else { return nil }
        if t.hasPrefix("http://") && !["127.0.0.1", "localhost", "::1"].contains(host) { return nil }
        return t
    }

    /// Printable ASCII without spaces, 1 to `maxLength` characters.
    static func isCredentialText(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.count <= maxLength && s.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F }
    }

    /// Stores the three sealed. Throws `CRMSyncProblem` for text that cannot be one of them and
    /// `CRMSecretProblem(.noKey)` without a key.
    public func set(instanceURL: String, clientId: String, clientSecret: String, at: Instant) async throws {
        guard let url = Self.checkedInstanceURL(instanceURL) else { throw CRMSyncProblem(.badInstanceURL) }
        let id = clientId.trimmingCharacters(in: .whitespacesAndNewlines)
        let secret = clientSecret.trimmingCharacters(in: .whitespacesAndNewlines)
        guard Self.isCredentialText(id), Self.isCredentialText(secret) else {
            throw CRMSyncProblem(.badClientCredentials)
        }
        guard let box else { throw CRMSecretProblem(kind: .noKey) }
        let text = JSONValue.object([
            ("instance_url", .string(url)), ("client_id", .string(id)), ("client_secret", .string(secret)),
        ]).serialized()
        try await store.setCRMCredential(
            provider: Self.provider, sealed: try box.seal(text, purpose: Self.purpose), at: at)
    }

    public func clear(at: Instant) async throws {
        try await store.setCRMCredential(provider: Self.provider, sealed: nil, at: at)
    }

    public func isSet() async throws -> Bool { try await store.crmCredential(provider: Self.provider) != nil }

    /// The stored credentials, opened; nil when none are stored.
    public func stored() async throws -> Stored? {
        guard let sealed = try await store.crmCredential(provider: Self.provider) else { return nil }
        guard let box else { throw CRMSecretProblem(kind: .noKey) }
        let text = try box.open(sealed, purpose: Self.purpose)
        guard let json = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
            let url = json["instance_url"] as? String, let id = json["client_id"] as? String,
            let secret = json["client_secret"] as? String
        else { throw CRMSecretProblem(kind: .cannotOpen) }
        return Stored(instanceURL: url, clientId: id, clientSecret: secret)
    }
}
