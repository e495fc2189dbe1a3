import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KizashiApp
import KizashiCore
import KizashiServer
import KizashiStore
import Logging
import Testing

/// A workspace with the hand-worked fixture (`handWorkedPackage`, see its README), users of
/// every role, and "now" fixed at 2026-09-30 12:00 Tokyo — the fixture's L — so "today" never moves
/// and the README's hand-worked scores are the accounts' scores of today.
struct TestWorkspace {
    let store: SQLiteWorkspaceStore
    let services: ServerServices
    let path: String
    static let password = "correct horse battery"
    /// 2026-09-30T03:00:00Z = 12:00 in Tokyo.
    static let now = Instant(millisecondsSinceEpoch: 1_790_737_200_000)

    /// The hand-worked package: the app tests' one copy (Tests/KizashiAppTests/Fixtures/q3-handworked,
    /// the path the README and CI name), read from the source tree so there is nothing to keep in step.
    static let handWorkedPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("KizashiAppTests/Fixtures/q3-handworked").path

    static func fixture(_ name: String) -> String {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures").appendingPathComponent(name).path
    }

    static func make(
        importFixture: Bool = true, clock: TestClock? = nil, configure: (inout ServerConfiguration) -> Void = { _ in }
    ) async throws -> TestWorkspace {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kizashi-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("w.sqlite").path
        let store = try await SQLiteWorkspaceStore.open(path: path)
        if importFixture {
            _ = try await PackageImporter(store: store).importPackage(
                at: handWorkedPackage, options: .init(rejectedPath: nil))
        }
        var config = ServerConfiguration(bcryptCost: 4)
        config.loginAttempts = 3
        config.deliverAlerts = false
        // The tests' webhook receivers listen on loopback.
        config.allowPrivateWebhooks = true
        configure(&config)
        let services = ServerServices(store: store, configuration: config, now: { clock?.now ?? now })
        for role in UserRole.allCases {
            _ = try await services.access.createUser(
                email: "\(role.rawValue)@example.com", role: role, password: password)
        }
        return TestWorkspace(store: store, services: services, path: path)
    }

    /// Closes the store and removes the workspace's scratch folder (runs must not fill the disk).
    func close() async {
        try? await store.close()
        try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
    }

    /// The headers of a request with a new API token of `role` (JSON body).
    func bearer(_ role: UserRole, name: String? = nil) async throws -> HTTPFields {
        let (secret, _) = try await services.access.createToken(
            name: name ?? "t-\(role)", role: role, now: TestWorkspace.now)
        return [.authorization: "Bearer \(secret)", .contentType: "application/json"]
    }

    func test<T>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        let app = KizashiServerApp.application(services: services, logger: Logger(label: "test"))
        return try await app.test(.router, body)
    }

    /// Over a real socket on loopback: the peer address is 127.0.0.1, as behind a local proxy.
    func testLive<T>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        let app = KizashiServerApp.application(services: services, logger: Logger(label: "test"))
        return try await app.test(.live, body)
    }
}

/// A signed-in browser: its session cookie and the CSRF token of its pages.
struct Browser: Sendable {
    var cookie: String
    var csrf: String

    static func login(_ client: any TestClientProtocol, role: UserRole) async throws -> Browser {
        let form = try await LoginForm.get(client)
        let body = "email=\(role.rawValue)%40example.com&password=correct+horse+battery&next=%2F&_csrf=\(form.field)"
        let r = try await client.execute(
            uri: "/login", method: .post, headers: form.headers, body: ByteBuffer(string: body))
        #expect(r.status == .seeOther)
        let setCookie = r.headers[values: .setCookie].first { $0.hasPrefix("kizashi_session=") } ?? ""
        let cookie = String(setCookie.split(separator: ";")[0])
        let page = try await client.execute(uri: "/accounts", method: .get, headers: [.cookie: cookie])
        let html = String(buffer: page.body)
        let csrf = html.firstMatch(of: /name="csrf-token" content="([^"]+)"/).map { String($0.1) } ?? ""
        #expect(!csrf.isEmpty)
        return Browser(cookie: cookie, csrf: csrf)
    }

    var headers: HTTPFields { [.cookie: cookie] }
    func form(_ csrf: String? = nil) -> HTTPFields {
        var h: HTTPFields = [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"]
        if let csrf { h[HTTPField.Name("X-CSRF-Token")!] = csrf }
        return h
    }
}

/// The login page's CSRF cookie and hidden field (a pre-session double-submit token).
struct LoginForm: Sendable {
    var cookie: String
    var field: String

    static func get(_ client: any TestClientProtocol, cookies: String? = nil) async throws -> LoginForm {
        let page = try await client.execute(
            uri: "/login", method: .get, headers: cookies.map { [.cookie: $0] } ?? [:])
        let set = page.headers[values: .setCookie].first { $0.hasPrefix("kizashi_login=") } ?? ""
        let field = String(buffer: page.body).firstMatch(of: /name="_csrf" value="([^"]+)"/).map { String($0.1) }
        #expect(!set.isEmpty && field != nil)
        return LoginForm(cookie: String(set.split(separator: ";")[0]), field: field ?? "")
    }

    /// Headers of the form's POST: its cookie and the form content type.
    var headers: HTTPFields { [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"] }

    /// POSTs a login with this form's token.
    func post(_ client: any TestClientProtocol, _ fields: String, headers extra: HTTPFields = [:]) async throws
        -> TestResponse
    {
        var h = headers
        h.append(contentsOf: extra)
        return try await client.execute(
            uri: "/login", method: .post, headers: h, body: ByteBuffer(string: fields + "&_csrf=\(field)"))
    }
}

/// Runs the real `kizashi` executable (built with the tests).
enum CLI {
    static var executable: String {
        Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("kizashi").path
    }
    /// Through `ChildProcess`: Foundation's `Process.run()` intermittently crashed the test
    /// process on Linux.
    static func run(
        _ args: [String], stdin: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> (Int32, String, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kizashi-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let (input, out, err) = (
            dir.appendingPathComponent("in").path, dir.appendingPathComponent("out").path,
            dir.appendingPathComponent("err").path
        )
        if let stdin { try Data(stdin.utf8).write(to: URL(fileURLWithPath: input)) }
        let child = try ChildProcess.spawn(
            executable, arguments: args, environment: environment, standardInput: stdin == nil ? nil : input,
            standardOutput: out, standardError: err)
        let status = child.wait()
        let o = FileManager.default.contents(atPath: out) ?? Data()
        let e = FileManager.default.contents(atPath: err) ?? Data()
        return (status, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }
}

/// A clock a test can move forward (retry back-off).
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Instant
    init(_ start: Instant) { value = start }
    var now: Instant { lock.withLock { value } }
    func advance(seconds: Int) {
        lock.withLock { value = Instant(millisecondsSinceEpoch: value.millisecondsSinceEpoch + Int64(seconds) * 1000) }
    }
}
