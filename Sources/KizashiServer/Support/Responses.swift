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

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// Only same-origin paths: `next=` must not send a user to another site after login
    /// (`LocalRedirect` says what is refused and why); anything else goes to the overview.
    static func safeNext(_ next: String?) -> String {
        next.flatMap(LocalRedirect.path) ?? "/"
    }
}
