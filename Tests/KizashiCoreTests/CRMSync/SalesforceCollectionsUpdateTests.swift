import Foundation
import Testing

@testable import KizashiCore

/// The request and answers of Salesforce's sObject Collections update and the client credentials
/// token, as the public REST API guide shows them (resources_composite_sobjects_collections_update,
/// errorcodes; the OAuth 2.0 client credentials flow's token response and `invalid_client` error).
@Suite("Salesforce collections update: request and answer shapes")
struct SalesforceCollectionsUpdateTests {
    static let a1 = "001000000000001AAA"
    static let a2 = "001000000000002AAA"

    @Test("record IDs: only well-formed 18-character IDs of the object's key prefix, with the right case-check suffix")
    func recordIds() {
        // "001000000000001": no capital letter in any block of five → suffix AAA.
        #expect(SalesforceRecordID.account(Self.a1) == Self.a1)
        // "0015g|00000|AbCdE": the third block has capitals at 0, 2, 4 → 1 + 4 + 16 = 21 → "V".
        #expect(SalesforceRecordID.account("0015g00000AbCdEAAV") == "0015g00000AbCdEAAV")
        #expect(SalesforceRecordID.account("0015g00000AbCdEAAA") == nil)  // wrong suffix
        #expect(SalesforceRecordID.account("001000000000001") == nil)  // 15 characters: not as stored
        #expect(SalesforceRecordID.account("003000000000001AAA") == nil)  // a Contact
        #expect(SalesforceRecordID.contact("003000000000001AAA") == "003000000000001AAA")
        #expect(SalesforceRecordID.account("AccountRef1") == nil && SalesforceRecordID.account("HS101") == nil)
        #expect(SalesforceRecordID.account("001000000000-01AAA") == nil)
    }

    @Test("batches of at most 200: 450 records → 200 + 200 + 50, in order")
    func batches() {
        let updates = (1...450).map { CRMRecordUpdate(recordId: String($0), properties: ["kizashi_score": "1.0"]) }
        let b = SalesforceCollectionsUpdate.batches(updates)
        #expect(b.map(\.count) == [200, 200, 50])
        #expect(b[2].first?.recordId == "401" && b[2].last?.recordId == "450")
        #expect(SalesforceCollectionsUpdate.batches([]).isEmpty)
    }

    @Test(
        "the body: allOrNone false, attributes.type and id first, then the custom fields in name order; numbers as numbers, empty as null"
    )
    func body() {
        let body = SalesforceCollectionsUpdate.body(
            [
                CRMRecordUpdate(
                    recordId: Self.a1,
                    properties: [
                        "kizashi_score": "35.2", "kizashi_score_change_7d": "-0.3", "kizashi_stage": "",
                        "kizashi_approach_rank": "4", "kizashi_reasons": "a; b", "kizashi_intent_topics": "",
                        "kizashi_synced_at": "2026-09-30T03:00:00.000Z",
                    ])
            ], object: .account)
        #expect(
            body
                == #"{"allOrNone":false,"records":[{"attributes":{"type":"Account"},"id":"001000000000001AAA","Kizashi_Approach_Rank__c":4,"Kizashi_Intent_Topics__c":null,"Kizashi_Reasons__c":"a; b","Kizashi_Score_Change_7d__c":-0.3,"Kizashi_Score__c":35.2,"Kizashi_Stage__c":null,"Kizashi_Synced_At__c":"2026-09-30T03:00:00.000Z"}]}"#
        )
        #expect(SalesforceCollectionsUpdate.path == "/services/data/v62.0/composite/sobjects")
        // 1_790_737_200_000 ms = 20,726 days + 10,800 s after 1970-01-01 = 2026-09-30 03:00 UTC.
        #expect(
            SalesforceCollectionsUpdate.dateTime(Instant(millisecondsSinceEpoch: 1_790_737_200_000))
                == "2026-09-30T03:00:00.000Z")
    }

    @Test(
        "200: one SaveResult per record in order; a failed one, a missing one and one naming another record are refused"
    )
    func saveResults() {
        let body = Array(
            #"[{"id":"001000000000001AAA","success":true,"errors":[]},{"success":false,"errors":[{"statusCode":"ENTITY_IS_DELETED","message":"entity is deleted","fields":[]}]}]"#
                .utf8)
        #expect(
            SalesforceCollectionsUpdate.outcome(status: 200, retryAfter: nil, body: body, sent: [Self.a1, Self.a2])
                == .done(accepted: [Self.a1], failed: [Self.a2: "ENTITY_IS_DELETED: entity is deleted"]))
        let short = Array(#"[{"id":"001000000000001AAA","success":true,"errors":[]}]"#.utf8)
        #expect(
            SalesforceCollectionsUpdate.outcome(status: 200, retryAfter: nil, body: short, sent: [Self.a1, Self.a2])
                == .done(accepted: [Self.a1], failed: [Self.a2: "not among Salesforce's results"]))
        let swapped = Array(#"[{"id":"001000000000002AAA","success":true,"errors":[]}]"#.utf8)
        #expect(
            SalesforceCollectionsUpdate.outcome(status: 200, retryAfter: nil, body: swapped, sent: [Self.a1])
                == .done(accepted: [], failed: [Self.a1: "not saved by Salesforce"]))
        // A hostile answer listing 5,000 long errors for one record: one reason of 300 characters.
        let many = (0..<5_000).map { _ in
            #"{"statusCode":"X","message":""# + String(repeating: "m", count: 100) + #""}"#
        }
        let hostile = Array((#"[{"success":false,"errors":["# + many.joined(separator: ",") + "]}]").utf8)
        guard
            case .done(let none, let failed) = SalesforceCollectionsUpdate.outcome(
                status: 200, retryAfter: nil, body: hostile, sent: [Self.a1])
        else {
            Issue.record("not read as SaveResults")
            return
        }
        #expect(none.isEmpty && failed[Self.a1]?.count == 300)
        #expect(
            SalesforceCollectionsUpdate.outcome(
                status: 200, retryAfter: nil, body: Array("<html>".utf8), sent: [Self.a1])
                == .requestFailed("HTTP 200 without a list of results"))
    }

    @Test(
        "errors: INVALID_SESSION_ID, REQUEST_LIMIT_EXCEEDED, 429/503 with Retry-After, other 403 and 400 as the guide shows them"
    )
    func errors() {
        func outcome(_ status: Int, _ body: String, retryAfter: String? = nil) -> SalesforceCollectionsUpdate.Outcome {
            SalesforceCollectionsUpdate.outcome(
                status: status, retryAfter: retryAfter, body: Array(body.utf8), sent: [Self.a1])
        }
        #expect(
            outcome(401, #"[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]"#)
                == .sessionExpired("HTTP 401: INVALID_SESSION_ID: Session expired or invalid"))
        #expect(
            outcome(403, #"[{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]"#)
                == .dailyLimit("REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded."))
        #expect(outcome(429, "", retryAfter: "7") == .rateLimited(retryAfterSeconds: 7))
        #expect(outcome(503, "[]") == .rateLimited(retryAfterSeconds: nil))
        #expect(outcome(503, "[]", retryAfter: "Wed, 21 Oct 2026 07:28:00 GMT") == .rateLimited(retryAfterSeconds: nil))
        #expect(
            outcome(403, #"[{"message":"insufficient access","errorCode":"INSUFFICIENT_ACCESS"}]"#)
                == .unauthorized("HTTP 403: INSUFFICIENT_ACCESS: insufficient access"))
        #expect(outcome(401, "[]") == .unauthorized("HTTP 401"))
        #expect(
            outcome(400, #"[{"message":"Unexpected character","errorCode":"JSON_PARSER_ERROR"}]"#)
                == .requestFailed("HTTP 400: JSON_PARSER_ERROR: Unexpected character"))
    }

    @Test(
        "client credentials: the form body is percent-encoded; the token is read, an invalid_client said without the secret"
    )
    func oauth() {
        #expect(
            SalesforceOAuth.tokenRequestBody(clientId: "3MVG9abc.def", clientSecret: "s3cr&t=+/ é")
                == "grant_type=client_credentials&client_id=3MVG9abc.def&client_secret=s3cr%26t%3D%2B%2F%20%C3%A9")
        let ok = Array(
            #"{"access_token":"00DFAKE!AQ4AQ.tok","signature":"x","scope":"api","instance_url":"https://acme.my.salesforce.com","id":"https://login.salesforce.com/id/00D/005","token_type":"Bearer","issued_at":"1790737200000"}"#
                .utf8)
        #expect(SalesforceOAuth.accessToken(status: 200, body: ok) == .success("00DFAKE!AQ4AQ.tok"))
        let refused = Array(#"{"error":"invalid_client","error_description":"invalid client credentials"}"#.utf8)
        #expect(
            SalesforceOAuth.accessToken(status: 400, body: refused)
                == .failure(SalesforceTokenProblem(status: 400, reason: "invalid_client: invalid client credentials")))
        // A token with a space or a newline is no token (it would break the Authorization header).
        let bad = Array(#"{"access_token":"abc\r\nX-Evil: 1"}"#.utf8)
        #expect(
            SalesforceOAuth.accessToken(status: 200, body: bad)
                == .failure(SalesforceTokenProblem(status: 200, reason: "no usable access_token in the answer")))
    }
}
