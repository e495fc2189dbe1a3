/// Whether an address is on the public internet, for outgoing requests to addresses users type
/// (webhooks): an admin account must not be able to make the server reach its own loopback, the
/// cloud metadata service (169.254.169.254) or hosts of the internal network (SSRF).
extension IPAddress {
    /// Why a request may not go to this address, or nil when it is a public unicast address.
    public var nonPublicReason: String? {
        if isIPv4 { return Self.v4Reason(Array(bytes.suffix(4))) }
        if bytes.allSatisfy({ $0 == 0 }) { return "the unspecified address" }
        if bytes.prefix(15).allSatisfy({ $0 == 0 }) && bytes[15] == 1 { return "a loopback address" }
        // Addresses that carry an IPv4 address inside: judged by it.
        if bytes.prefix(12).allSatisfy({ $0 == 0 }), bytes[12...].contains(where: { $0 != 0 }) {
            return Self.v4Reason(Array(bytes.suffix(4)))  // IPv4-compatible (::a.b.c.d, deprecated)
        }
        if bytes.prefix(12) == [0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0] {
            return Self.v4Reason(Array(bytes.suffix(4)))  // NAT64 64:ff9b::/96
        }
        if bytes[0] == 0x20, bytes[1] == 0x02 {
            return Self.v4Reason(Array(bytes[2...5]))  // 6to4 2002::/16
        }
        if bytes[0] & 0xFE == 0xFC { return "a unique-local (private) address" }
        if bytes[0] == 0xFE && bytes[1] & 0xC0 == 0x80 { return "a link-local address" }
        if bytes[0] == 0xFE && bytes[1] & 0xC0 == 0xC0 { return "a site-local (private) address" }
        if bytes[0] == 0xFF { return "a multicast address" }
        if bytes[0] == 0x01, bytes[1...7].allSatisfy({ $0 == 0 }) { return "a discard-only address" }
        if bytes[0] == 0x20, bytes[1] == 0x01, bytes[2] == 0x0D, bytes[3] == 0xB8 { return "a documentation address" }
        return nil
    }

    static func v4Reason(_ b: [UInt8]) -> String? {
        switch (b[0], b[1]) {
        case (0, _): return "a 'this network' address (0.0.0.0/8)"
        case (10, _): return "a private address (10.0.0.0/8)"
        case (100, 64...127): return "a carrier-grade NAT address (100.64.0.0/10)"
        case (127, _): return "a loopback address"
        case (169, 254): return "a link-local address (cloud metadata services live here)"
        case (172, 16...31): return "a private address (172.16.0.0/12)"
        case (192, 168): return "a private address (192.168.0.0/16)"
        case (192, 0) where b[2] == 0: return "an IETF protocol address (192.0.0.0/24)"
        case (192, 0) where b[2] == 2, (198, 51) where b[2] == 100, (203, 0) where b[2] == 113:
            return "a documentation address"
        case (198, 18...19): return "a benchmarking address (198.18.0.0/15)"
        case (224...239, _): return "a multicast address"
        case (240...255, _): return "a reserved or broadcast address"
        default: return nil
        }
    }
}
