import Foundation
import KizashiCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns a host name into addresses. An interface so tests resolve names to what they need
/// without a DNS server (isowords' "interface + live implementation").
public protocol HostResolver: Sendable {
    func addresses(of host: String) async throws -> [IPAddress]
}

/// The system resolver (getaddrinfo), off the cooperative pool and bounded in time: a DNS server
/// that never answers must not hold a delivery round past its lease.
public struct SystemHostResolver: HostResolver {
    public var timeout: Duration
    public init(timeout: Duration = .seconds(3)) { self.timeout = timeout }

    public func addresses(of host: String) async throws -> [IPAddress] {
        // getaddrinfo cannot be cancelled: it runs on a Dispatch thread, and whichever comes
        // first — its answer or the deadline — resumes the caller; a late answer is dropped.
        let once = ResumeOnce()
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        return try await withCheckedThrowingContinuation { (c: CheckedContinuation<[IPAddress], any Error>) in
            once.set(c)
            DispatchQueue.global().async {
                once.resume(with: Result { try Self.lookup(host) })
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
                once.resume(with: .failure(LookupFailed(description: "no answer within \(Int(seconds)) s")))
            }
        }
    }

    /// Resumes a continuation exactly once, from whichever thread gets there first.
    final class ResumeOnce: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<[IPAddress], any Error>?
        func set(_ c: CheckedContinuation<[IPAddress], any Error>) {
            lock.lock()
            continuation = c
            lock.unlock()
        }
        func resume(with result: Result<[IPAddress], any Error>) {
            lock.lock()
            let c = continuation
            continuation = nil
            lock.unlock()
            c?.resume(with: result)
        }
    }

    struct LookupFailed: Error, CustomStringConvertible {
        var description: String
    }

    static func lookup(_ host: String) throws -> [IPAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc) || canImport(Musl)
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
            hints.ai_socktype = SOCK_STREAM
        #endif
        var result: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, nil, &hints, &result)
        guard rc == 0, let first = result else {
            throw LookupFailed(description: String(cString: gai_strerror(rc)))
        }
        defer { freeaddrinfo(first) }
        var out: [IPAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let ai = cursor {
            if let sa = ai.pointee.ai_addr {
                var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
                switch Int32(sa.pointee.sa_family) {
                case AF_INET:
                    sa.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { p in
                        var a = p.pointee.sin_addr
                        _ = inet_ntop(AF_INET, &a, &buffer, socklen_t(buffer.count))
                    }
                case AF_INET6:
                    sa.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { p in
                        var a = p.pointee.sin6_addr
                        _ = inet_ntop(AF_INET6, &a, &buffer, socklen_t(buffer.count))
                    }
                default: break
                }
                let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                if let address = IPAddress(text), !out.contains(address) { out.append(address) }
            }
            cursor = ai.pointee.ai_next
        }
        return out
    }
}
