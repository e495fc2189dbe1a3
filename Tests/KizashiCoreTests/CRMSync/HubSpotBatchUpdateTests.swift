import Foundation
import Testing

@testable import KizashiCore

/// The request and answers of HubSpot's CRM v3 batch update, as its public reference shows them
/// (developers.hubspot.com/docs/api-reference/legacy/crm/objects/companies/batch/update-companies;
/// error-handling; api/usage-details for the 429 body).
@Suite("HubSpot batch update: request and answer shapes")
struct HubSpotBatchUpdateTests {
    static func updates(_ n: Int) -> [CRMRecordUpdate] {
        (1...n).map { CRMRecordUpdate(recordId: String($0), properties: ["kizashi_score": "1.0"]) }
    }

    @Test("batches of at most 100: 250 records → 100 + 100 + 50, in order")
    func batches() {
        let b = HubSpotBatchUpdate.batches(Self.updates(250))
        #expect(b.map(\.count) == [100, 100, 50])
        #expect(b[2].first?.recordId == "201" && b[2].last?.recordId == "250")
        #expect(HubSpotBatchUpdate.batches([]).isEmpty)
        #expect(HubSpotBatchUpdate.batches(Self.updates(3), size: 500).map(\.count) == [3])
    }

    @Test("the body is {\"inputs\":[{\"id\",\"properties\"}]} with string values, properties in name order")
    func body() {
        let body = HubSpotBatchUpdate.body([
            CRMRecordUpdate(recordId: "512", properties: ["kizashi_stage": "aware", "kizashi_score": "1.6"])
        ])
        #expect(body == #"{"inputs":[{"id":"512","properties":{"kizashi_score":"1.6","kizashi_stage":"aware"}}]}"#)
        #expect(HubSpotBatchUpdate.path(.companies) == "/crm/v3/objects/companies/batch/update")
        #expect(HubSpotBatchUpdate.path(.contacts) == "/crm/v3/objects/contacts/batch/update")
    }

    @Test("200: every record of the request accepted")
    func ok() {
        let body = Array(
            #"{"status":"COMPLETE","results":[{"id":"1","properties":{}},{"id":"2","properties":{}}],"startedAt":"2026-12-06T00:00:00Z","completedAt":"2026-12-06T00:00:01Z"}"#
                .utf8)
        #expect(
            HubSpotBatchUpdate.outcome(status: 200, retryAfter: nil, body: body, sent: ["1", "2"])
                == .done(accepted: ["1", "2"], failed: [:]))
    }

    @Test("207: only the results are accepted; errors name their records by context.ids or id")
    func multiStatus() {
        let body = Array(
            """
            {"status":"COMPLETE","results":[{"id":"1","properties":{}}],"numErrors":2,
             "errors":[{"status":"error","category":"OBJECT_NOT_FOUND","message":"Object not found","context":{"ids":["2"]}},
                       {"status":"error","category":"VALIDATION_ERROR","message":"Property values were not valid","id":"3"}]}
            """.utf8)
        #expect(
            HubSpotBatchUpdate.outcome(status: 207, retryAfter: nil, body: body, sent: ["1", "2", "3", "4"])
                == .done(
                    accepted: ["1"],
                    failed: [
                        "2": "OBJECT_NOT_FOUND: Object not found",
                        "3": "VALIDATION_ERROR: Property values were not valid",
                        "4": "not among HubSpot's results (207)",
                    ]))
        // A 207 that lists nothing accepts nothing (the community thread's empty 207).
        #expect(
            HubSpotBatchUpdate.outcome(
                status: 207, retryAfter: nil, body: Array(#"{"results":[],"numErrors":0}"#.utf8), sent: ["1"])
                == .done(accepted: [], failed: ["1": "not among HubSpot's results (207)"]))
    }

    @Test("429: the rolling limit waits Retry-After; the DAILY policy stops; 401/403 stop; 400 fails the batch")
    func limitsAndErrors() {
        let secondly = Array(
            #"{"status":"error","message":"You have reached your ten_secondly_rolling limit.","errorType":"RATE_LIMIT","policyName":"TEN_SECONDLY_ROLLING"}"#
                .utf8)
        #expect(
            HubSpotBatchUpdate.outcome(status: 429, retryAfter: "3", body: secondly, sent: ["1"])
                == .rateLimited(retryAfterSeconds: 3))
        #expect(
            HubSpotBatchUpdate.outcome(status: 429, retryAfter: nil, body: [], sent: ["1"])
                == .rateLimited(retryAfterSeconds: nil))
        // 423 Locked: HubSpot's error guide says to wait at least 2 s.
        #expect(
            HubSpotBatchUpdate.outcome(status: 423, retryAfter: nil, body: [], sent: ["1"])
                == .rateLimited(retryAfterSeconds: 2))
        let daily = Array(
            #"{"status":"error","message":"You have reached your daily limit.","errorType":"RATE_LIMIT","policyName":"DAILY"}"#
                .utf8)
        #expect(
            HubSpotBatchUpdate.outcome(status: 429, retryAfter: nil, body: daily, sent: ["1"])
                == .dailyLimit("You have reached your daily limit."))
        let auth = Array(
            #"{"status":"error","message":"Authentication credentials not found.","category":"INVALID_AUTHENTICATION"}"#
                .utf8)
        #expect(
            HubSpotBatchUpdate.outcome(status: 401, retryAfter: nil, body: auth, sent: ["1"])
                == .unauthorized("HTTP 401: Authentication credentials not found."))
        let bad = Array(
            #"{"status":"error","message":"Property \"kizashi_score\" does not exist","category":"VALIDATION_ERROR"}"#
                .utf8)
        #expect(
            HubSpotBatchUpdate.outcome(status: 400, retryAfter: nil, body: bad, sent: ["1"])
                == .batchFailed(#"HTTP 400: Property "kizashi_score" does not exist"#))
        #expect(
            HubSpotBatchUpdate.outcome(status: 502, retryAfter: nil, body: Array("<html>".utf8), sent: ["1"])
                == .batchFailed("HTTP 502"))
    }

    @Test("Retry-After: small whole seconds only")
    func retryAfter() {
        #expect(HubSpotBatchUpdate.retryAfterSeconds(" 10 ") == 10)
        for raw in ["", "-1", "1.5", "Wed, 21 Oct 2026 07:28:00 GMT", "9999999999", "１"] {
            #expect(HubSpotBatchUpdate.retryAfterSeconds(raw) == nil, "\(raw)")
        }
    }
}
