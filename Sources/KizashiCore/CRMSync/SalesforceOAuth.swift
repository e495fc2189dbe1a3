import Foundation

/// The OAuth 2.0 client credentials flow of a Salesforce connected app
/// (help.salesforce.com "OAuth 2.0 Client Credentials Flow for Server-to-Server Integration"):
/// `POST {instance}/services/oauth2/token` with a form body, answered with an access token.
public enum SalesforceOAuth {
    public static let path = "/services/oauth2/token"
    /// An access token is about 112 characters; anything far longer is not one.
    public static let maxTokenLength = 2_048

    /// `grant_type=client_credentials&client_id=…&client_secret=…`, form-encoded.
    public static func tokenRequestBody(clientId: String, clientSecret: String) -> String {
        [("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", clientSecret)]
            .map { "\($0.0)=\(formEncoded($0.1))" }.joined(separator: "&")
    }

    /// `application/x-www-form-urlencoded`: everything but unreserved characters percent-encoded.
    static func formEncoded(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<"\u{80}"))
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// The access token of a 200 answer (`{"access_token": "…", "token_type": "Bearer", …}`), or
    /// why there is none: Salesforce's `error` and `error_description` (e.g. `invalid_client`),
    /// cleaned; never the request's secret.
    public static func accessToken(status: Int, body: [UInt8]) -> Result<String, SalesforceTokenProblem> {
        let json = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
        if status == 200, let token = json?["access_token"] as? String, !token.isEmpty,
            token.utf8.count <= maxTokenLength, token.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F })
        {
            return .success(token)
        }
        let reason = [json?["error"] as? String, json?["error_description"] as? String].compactMap { $0 }
            .map(HubSpotBatchUpdate.clean).joined(separator: ": ")
        return .failure(
            SalesforceTokenProblem(
                status: status,
                reason: reason.isEmpty
                    ? (status == 200 ? "no usable access_token in the answer" : "no reason given")
                    : reason))
    }
}

/// Why no access token came (the run stops; the message is logged, never the secret).
public struct SalesforceTokenProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var status: Int
    public var reason: String
    public var description: String {
        "Salesforce refused the client credentials (HTTP \(status): \(reason)); check the connected app's client credentials flow, its Run As user, and the client ID and secret"
    }
}
