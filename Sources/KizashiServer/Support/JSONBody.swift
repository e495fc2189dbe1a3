import Foundation
import Hummingbird

/// A JSON request body as a plain object, with errors a user can act on.
struct JSONBody {
    let object: [String: Any]

    static func read(_ request: Request, limit: Int = 1 << 20) async throws -> JSONBody {
        let buffer = try await request.body.collect(upTo: limit)
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
        guard let n = object[key] as? NSNumber else {
            throw ProblemDetails.badRequest("\(key) must be a number", field: key)
        }
        return n.doubleValue
    }

    func int(_ key: String, required: Bool = true) throws -> Int? {
        switch object[key] {
        case let n as NSNumber where n.doubleValue == n.doubleValue.rounded(): return n.intValue
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
