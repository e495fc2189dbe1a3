import KizashiCore

/// Decides whether a webhook may be called, at registration and again before every delivery.
///
/// A host name is resolved and every address it gives must be public: an attacker's name could
/// answer with a public and a private address, or change its answer between the check and the
/// request (DNS rebinding). The delivery then connects to the address checked here, not to a
/// second answer of the resolver. `allowPrivate` (`kizashi serve --allow-private-webhooks`) is
/// for tests and for receivers on the company's own network.
public struct WebhookGuard: Sendable {
    public var resolver: any HostResolver
    public var allowPrivate: Bool

    public init(resolver: any HostResolver = SystemHostResolver(), allowPrivate: Bool = false) {
        self.resolver = resolver
        self.allowPrivate = allowPrivate
    }

    /// A webhook that passed the check: where to connect.
    public struct Destination: Sendable, Equatable {
        public var address: WebhookAddress
        /// The address to connect to; nil when private destinations are allowed and the
        /// system's resolver may choose.
        public var pinned: IPAddress?
    }

    public func check(_ url: String) async -> Result<Destination, WebhookRefusal> {
        let address: WebhookAddress
        switch WebhookAddress.parse(url) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let a): address = a
        }
        if allowPrivate { return .success(Destination(address: address, pinned: nil)) }
        var candidates: [IPAddress]
        if let literal = address.literal {
            candidates = [literal]
        } else {
            do {
                candidates = try await resolver.addresses(of: address.host)
            } catch {
                return .failure(.unresolved(host: address.host, reason: "\(error)"))
            }
            guard !candidates.isEmpty else {
                return .failure(.unresolved(host: address.host, reason: "no addresses"))
            }
        }
        for candidate in candidates {
            if let reason = candidate.nonPublicReason {
                return .failure(.notPublic(host: address.host, reason: reason))
            }
        }
        return .success(Destination(address: address, pinned: candidates[0]))
    }
}
