import KizashiCore

/// The live `AudienceKeyHasher`: SHA-256 (swift-crypto, through `Secrets.digest`) of the key's
/// UTF-8 bytes, unsalted, as lower-case hex — what Google Customer Match and Meta custom audiences
/// match on.
public struct SHA256AudienceHasher: AudienceKeyHasher {
    public init() {}

    public func sha256Hex(_ text: String) -> String { Secrets.digest(text) }
}
