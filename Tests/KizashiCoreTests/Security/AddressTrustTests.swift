import KizashiCore
import Testing

@Suite("Client addresses behind proxies, and which addresses are public")
struct AddressTrustTests {
    let proxies = ClientAddressResolver(trustedProxies: [
        IPAddressRange(cidr: "127.0.0.1/32")!, IPAddressRange(cidr: "10.0.0.0/8")!,
    ])

    @Test("X-Forwarded-For is ignored unless the peer is a trusted proxy")
    func untrustedPeer() {
        #expect(
            proxies.clientAddress(peer: "198.51.100.9", forwardedFor: ["203.0.113.77"], forwarded: [])
                == "198.51.100.9")
        #expect(
            ClientAddressResolver().clientAddress(peer: "127.0.0.1", forwardedFor: ["1.2.3.4"], forwarded: [])
                == "127.0.0.1")
    }

    @Test("read right to left: a forged left-most entry is never chosen over the real client")
    func rightToLeft() {
        // The client 203.0.113.5 sent "X-Forwarded-For: 6.6.6.6"; the proxy 10.0.0.2 appended it,
        // and the proxy 127.0.0.1 in front of us appended 10.0.0.2.
        #expect(
            proxies.clientAddress(
                peer: "127.0.0.1", forwardedFor: ["6.6.6.6, 203.0.113.5", "10.0.0.2"], forwarded: []) == "203.0.113.5")
        // Only trusted hops: the left-most is the client.
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: ["10.1.1.1"], forwarded: []) == "10.1.1.1")
        // A garbled hop stops the walk at the last good address.
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: ["1.1.1.1, junk"], forwarded: []) == "127.0.0.1")
    }

    @Test("RFC 7239 Forwarded is preferred, with quotes, ports and IPv6 brackets")
    func forwarded() {
        #expect(
            proxies.clientAddress(
                peer: "127.0.0.1", forwardedFor: ["9.9.9.9"],
                forwarded: [#"for="[2001:db8::1]:4711";proto=https, for=10.0.0.3"#]) == "2001:db8:0:0:0:0:0:1")
        #expect(
            proxies.clientAddress(peer: "127.0.0.1", forwardedFor: [], forwarded: ["for=192.0.2.60:8080"])
                == "192.0.2.60")
    }

    @Test("loopback, link-local, private, unique-local and mapped forms are not public")
    func scopes() {
        for text in [
            "127.0.0.1", "10.2.3.4", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "0.0.0.0",
            "100.64.0.1", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1",
            "::ffff:127.0.0.1", "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe", "2002:7f00:1::",
        ] {
            #expect(IPAddress(text)?.nonPublicReason != nil, "\(text)")
        }
        for text in ["8.8.8.8", "172.32.0.1", "1.1.1.1", "2606:4700:4700::1111", "100.128.0.1"] {
            #expect(IPAddress(text)?.nonPublicReason == nil, "\(text)")
        }
    }

    @Test("webhook addresses: http(s) only, a host, no credentials, a valid port")
    func webhookAddresses() throws {
        let ok = try WebhookAddress.parse("https://hooks.slack.com/services/T0/B0/xyz").get()
        #expect(ok.host == "hooks.slack.com" && ok.port == 443 && ok.literal == nil)
        let v6 = try WebhookAddress.parse("http://[::1]:8080/h").get()
        #expect(v6.literal == IPAddress("::1") && v6.port == 8080)
        let v4 = try WebhookAddress.parse("http://169.254.169.254/latest/meta-data").get()
        #expect(v4.literal == IPAddress("169.254.169.254"))
        for bad in [
            "ftp://x.example/", "file:///etc/passwd", "https://user:pw@x.example/", "https://x.example:0/",
            "https://x.example:99999/", "https:///nohost", "https://exa mple.com/", "https://x..example/",
            "gopher://x.example/", "https://%6c%6f%63%61%6c%68%6f%73%74/",
        ] {
            guard case .failure = WebhookAddress.parse(bad) else {
                Issue.record("accepted \(bad)")
                continue
            }
        }
    }
}
