/// IPv4 and IPv6 addresses as 16 bytes (IPv4 mapped into ::ffff:0:0/96), CIDR ranges, and the
/// truncation applied before an address is stored (issue 4: client IPs are used for the
/// company lookup only and kept truncated — IPv4 to /24, IPv6 to /48).
public struct IPAddress: Sendable, Equatable, Comparable {
    public var bytes: [UInt8]

    public static func < (a: IPAddress, b: IPAddress) -> Bool { a.bytes.lexicographicallyPrecedes(b.bytes) }

    public init?(_ text: String) {
        let t = text.trimmingASCIIWhitespace()
        if t.contains(":") {
            guard let b = Self.parseV6(t) else { return nil }
            bytes = b
        } else {
            let parts = t.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 4 else { return nil }
            var v4: [UInt8] = []
            for p in parts {
                guard !p.isEmpty, p.count <= 3, p.allSatisfy(\.isASCII), let n = UInt8(p) else { return nil }
                v4.append(n)
            }
            bytes = Array(repeating: 0, count: 10) + [0xFF, 0xFF] + v4
        }
    }

    init(bytes: [UInt8]) { self.bytes = bytes }

    public var isIPv4: Bool { bytes.prefix(12) == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF] }

    static func parseV6(_ s: String) -> [UInt8]? {
        var text = s
        var tail: [UInt8] = []
        // An embedded IPv4 tail (::ffff:1.2.3.4).
        if let lastColon = text.lastIndex(of: ":"), text[lastColon...].contains(".") {
            guard let v4 = IPAddress(String(text[text.index(after: lastColon)...])) else { return nil }
            tail = Array(v4.bytes.suffix(4))
            text = String(text[...lastColon]) + "0:0"
        }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ h: String) -> [UInt16]? {
            if h.isEmpty { return [] }
            var out: [UInt16] = []
            for g in h.split(separator: ":", omittingEmptySubsequences: false) {
                guard !g.isEmpty, g.count <= 4, let v = UInt16(g, radix: 16) else { return nil }
                out.append(v)
            }
            return out
        }
        guard let head = groups(halves[0]) else { return nil }
        var all = head
        if halves.count == 2 {
            guard let rest = groups(halves[1]), head.count + rest.count < 8 else { return nil }
            all += Array(repeating: 0, count: 8 - head.count - rest.count) + rest
        }
        guard all.count == 8 else { return nil }
        var b = all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        if !tail.isEmpty { b.replaceSubrange(12..<16, with: tail) }
        return b
    }

    /// The address with its host part zeroed: IPv4 /24, IPv6 /48.
    public var truncated: IPAddress {
        var b = bytes
        if isIPv4 { b[15] = 0 } else { for i in 6..<16 { b[i] = 0 } }
        return IPAddress(bytes: b)
    }

    public var description: String {
        if isIPv4 { return bytes.suffix(4).map(String.init).joined(separator: ".") }
        return stride(from: 0, to: 16, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
            .joined(separator: ":")
    }
}

/// A CIDR block (`203.0.113.0/24`, `2001:db8::/32`) as its first and last address.
public struct IPAddressRange: Sendable, Equatable {
    public var first: IPAddress
    public var last: IPAddress

    public init?(cidr: String) {
        let parts = cidr.trimmingASCIIWhitespace().split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let base = IPAddress(String(parts[0])) else { return nil }
        var prefix = base.isIPv4 ? 32 : 128
        if parts.count == 2 {
            guard let p = Int(parts[1]), p >= 0, p <= prefix else { return nil }
            prefix = p
        }
        let bits = base.isIPv4 ? 96 + prefix : prefix
        var lo = base.bytes, hi = base.bytes
        for i in 0..<16 {
            let keep = max(0, min(8, bits - i * 8))
            let mask: UInt8 = keep == 8 ? 0xFF : UInt8(truncatingIfNeeded: 0xFF << (8 - keep))
            lo[i] &= mask
            hi[i] |= ~mask
        }
        first = IPAddress(bytes: lo)
        last = IPAddress(bytes: hi)
    }

    public func contains(_ a: IPAddress) -> Bool { first <= a && a <= last }
}
