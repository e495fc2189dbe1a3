/// Which address a request came from, when reverse proxies stand in between.
///
/// `X-Forwarded-For` and `Forwarded` are headers anyone can send: trusted only when the peer that
/// sent them is a configured proxy (`kizashi serve --trusted-proxy CIDR`). The list is read from
/// the right (the hop nearest to us) and the first address that is not itself a trusted proxy is
/// the client; a forged entry on the left can then never be chosen over the real one. Without
/// trusted proxies every client is its socket peer (behind a proxy: the proxy's own address).
public struct ClientAddressResolver: Sendable, Equatable {
    public var trustedProxies: [IPAddressRange]

    public init(trustedProxies: [IPAddressRange] = []) {
        self.trustedProxies = trustedProxies
    }

    /// Longest header list that is looked at: a proxy chain is a few hops, never thousands.
    static let maxHops = 32

    /// - Parameters:
    ///   - peer: the socket's remote address.
    ///   - forwardedFor: the `X-Forwarded-For` header values, in the order received.
    ///   - forwarded: the RFC 7239 `Forwarded` header values (preferred over `X-Forwarded-For`).
    /// - Returns: the client's address in canonical text form, or the peer when nothing better is known.
    public func clientAddress(peer: String?, forwardedFor: [String], forwarded: [String]) -> String? {
        guard let peer, let peerAddress = IPAddress(peer) else { return peer }
        guard isTrusted(peerAddress) else { return peerAddress.description }
        let chain: [String]
        if !forwarded.isEmpty {
            chain = forwarded.flatMap(Self.forwardedFor)
        } else {
            chain = forwardedFor.flatMap { $0.split(separator: ",").map { String($0) } }
        }
        var client = peerAddress
        for entry in chain.suffix(Self.maxHops).reversed() {
            // A garbled hop stops the walk: what is left of it cannot be trusted.
            guard let address = Self.address(entry) else { break }
            client = address
            if !isTrusted(address) { break }
        }
        return client.description
    }

    public func isTrusted(_ address: IPAddress) -> Bool {
        trustedProxies.contains { $0.contains(address) }
    }

    /// The `for=` values of one `Forwarded` header (`for=192.0.2.60;proto=http, for="[2001:db8::1]:4711"`).
    static func forwardedFor(_ header: String) -> [String] {
        header.split(separator: ",").compactMap { element in
            for pair in element.split(separator: ";") {
                let kv = pair.split(separator: "=", maxSplits: 1)
                guard kv.count == 2, kv[0].trimmingASCIIWhitespace().lowercased() == "for" else { continue }
                return kv[1].trimmingASCIIWhitespace()
            }
            return nil
        }
    }

    /// An address from a header entry: quotes, `[v6]:port` and `v4:port` forms taken apart.
    static func address(_ raw: String) -> IPAddress? {
        var s = raw.trimmingASCIIWhitespace()
        if s.count >= 2, s.hasPrefix("\""), s.hasSuffix("\"") { s = String(s.dropFirst().dropLast()) }
        if s.hasPrefix("["), let close = s.firstIndex(of: "]") {
            s = String(s[s.index(after: s.startIndex)..<close])
        } else if s.filter({ $0 == ":" }).count == 1, let colon = s.firstIndex(of: ":") {
            s = String(s[..<colon])
        }
        return IPAddress(s)
    }
}
