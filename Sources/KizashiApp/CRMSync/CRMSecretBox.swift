import Crypto
import Foundation

/// Why a CRM credential could not be stored or read.
public struct CRMSecretProblem: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable, Equatable {
        /// `KIZASHI_SECRET_KEY` is not set.
        case noKey
        /// It is set but is not 32 bytes in base64.
        case badKey
        /// The stored box does not open with this key (another key, or altered).
        case cannotOpen
    }
    public var kind: Kind
    public var description: String {
        switch kind {
        case .noKey:
            "\(CRMSecretBox.environmentKey) is not set: CRM tokens are stored encrypted with it (32 random bytes in base64, e.g. `openssl rand -base64 32`)"
        case .badKey: "\(CRMSecretBox.environmentKey) must be 32 bytes in base64 (e.g. `openssl rand -base64 32`)"
        case .cannotOpen:
            "the stored token does not open with this \(CRMSecretBox.environmentKey) (another key, or the row was altered): set the token again"
        }
    }
}

/// Secrets at rest (issue 27: CRM tokens): AES-256-GCM with a key from the environment, never
/// from the workspace, so a copied database or backup alone does not reveal the token.
///
/// `KIZASHI_SECRET_KEY` (read here, by `fromEnvironment`, for `kizashi sync` and `kizashi serve`):
/// 32 random bytes in base64. Keep it out of the workspace; losing it means setting the token again.
public struct CRMSecretBox: Sendable {
    public static let environmentKey = "KIZASHI_SECRET_KEY"
    /// The key's bytes (`SymmetricKey` is not `Sendable`; one is made per use).
    private let keyBytes: [UInt8]
    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }

    /// `text`: 32 bytes in base64 (standard or URL-safe alphabet, padding optional).
    public init(keyText: String) throws {
        var t = keyText.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "-", with: "+")
            .replacingOccurrences(of: "_", with: "/")
        while t.count % 4 != 0 { t += "=" }
        guard t.count <= 64, let data = Data(base64Encoded: t), data.count == 32 else {
            throw CRMSecretProblem(kind: .badKey)
        }
        keyBytes = Array(data)
    }

    /// The box of `KIZASHI_SECRET_KEY` in `environment`; nil when it is not set.
    public static func fromEnvironment(_ environment: [String: String]) throws -> CRMSecretBox? {
        guard let text = environment[environmentKey], !text.isEmpty else { return nil }
        return try CRMSecretBox(keyText: text)
    }

    /// Seals `secret`; `purpose` (e.g. `crm:hubspot`) is authenticated with it, so a box stored
    /// for one provider does not open as another's.
    public func seal(_ secret: String, purpose: String) throws -> String {
        let box = try AES.GCM.seal(Data(secret.utf8), using: key, authenticating: Data(purpose.utf8))
        guard let combined = box.combined else { throw CRMSecretProblem(kind: .cannotOpen) }
        return combined.base64EncodedString()
    }

    public func open(_ sealed: String, purpose: String) throws -> String {
        guard let data = Data(base64Encoded: sealed), let box = try? AES.GCM.SealedBox(combined: data),
            let plain = try? AES.GCM.open(box, using: key, authenticating: Data(purpose.utf8))
        else { throw CRMSecretProblem(kind: .cannotOpen) }
        return String(decoding: plain, as: UTF8.self)
    }
}
