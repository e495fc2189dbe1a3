import HTTPTypes
import Hummingbird
import KizashiCore
import NIOCore

enum Responses {
    static func html(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                HTTPField.Name("X-Content-Type-Options")!: "nosniff",
                HTTPField.Name("Content-Security-Policy")!:
                    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
            ],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: value.serialized(pretty: true) + "\n")))
    }

    static func text(_ body: String, contentType: String, status: HTTPResponse.Status = .ok, extra: HTTPFields = [:])
        -> Response
    {
        var headers: HTTPFields = [.contentType: contentType]
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// A file to save (an export, a workbook, rejected rows): personal data, so never cached, and
    /// named for the download. Characters a header's quoted name cannot hold are dropped from
    /// `filename`.
    static func download(_ bytes: some Sequence<UInt8>, contentType: String, filename: String) -> Response {
        let name = String(
            filename.unicodeScalars.filter { $0.value >= 0x20 && $0 != "\"" && $0 != "\\" && $0.value != 0x7F })
        return Response(
            status: .ok,
            headers: [
                .contentType: contentType, .cacheControl: "no-store",
                .contentDisposition: "attachment; filename=\"\(name)\"",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// Only same-origin paths: `next=` must not send a user to another site after login
    /// (`LocalRedirect` says what is refused and why); anything else goes to the overview.
    static func safeNext(_ next: String?) -> String {
        next.flatMap(LocalRedirect.path) ?? "/"
    }
}
