import Foundation
import Hummingbird
import KizashiCore

/// A JSON request body as a plain object, with errors a user can act on.
struct JSONBody {
    let object: [String: Any]

    static func read(_ request: Request, limit: Int = 1 << 20) async throws -> JSONBody {
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: limit) } catch {
            // Collecting fails only on a body over the limit (or a broken connection, which gets no
            // answer anyway): a problem+json like every other refusal, not Hummingbird's empty 413.
            throw ProblemDetails(
                status: .contentTooLarge, title: "Content too large", detail: "the body is larger than \(limit) bytes")
        }
        let data = Data(buffer: buffer)
        guard let any = try? JSONSerialization.jsonObject(with: data), let object = any as? [String: Any] else {
            throw ProblemDetails.badRequest("the body must be a JSON object")
        }
        return JSONBody(object: object)
    }

    func string(_ key: String, required: Bool = true) throws -> String? {
        switch object[key] {
        // Only a JSON string: a number or true/false where text is expected is the caller's
        // mistake, not something to turn into "1" or "false" (issue 22: the document says string).
        case let s as String: return s
        case nil, is NSNull:
            if required { throw ProblemDetails.badRequest("\(key) is required", field: key) }
            return nil
        default: throw ProblemDetails.badRequest("\(key) must be a string", field: key)
        }
    }

    func number(_ key: String) throws -> Double {
        // JSONSerialization reads true and false as NSNumbers too: a boolean is not a number here.
        guard let n = object[key] as? NSNumber, !JSONValue.isBoolean(n) else {
            throw ProblemDetails.badRequest("\(key) must be a number", field: key)
        }
        return n.doubleValue
    }

    func int(_ key: String, required: Bool = true) throws -> Int? {
        switch object[key] {
        // Whole and within ±2^53 (exact in a double): 1e300 would read back as Int.min.
        case let n as NSNumber
        where !JSONValue.isBoolean(n) && n.doubleValue == n.doubleValue.rounded()
            && abs(n.doubleValue) <= 9_007_199_254_740_992:
            return n.intValue
        case nil, is NSNull:
            if required { throw ProblemDetails.badRequest("\(key) is required", field: key) }
            return nil
        default: throw ProblemDetails.badRequest("\(key) must be an integer", field: key)
        }
    }
}

extension Data {
    init(buffer: ByteBuffer) { self = Data(buffer.readableBytesView) }

}
