import Foundation
import KizashiCore

/// JSON bodies and files: Segment calls (`POST /api/v1/events`) and Salesforce tree exports.
enum JSONFuzzing {
    /// One event, an array, or `{"batch": […]}`, as the events route reads a body.
    static func segment(_ bytes: [UInt8]) {
        guard let json = try? JSONSerialization.jsonObject(with: Data(bytes)) else { return }
        let items: [Any]
        switch json {
        case let a as [Any]: items = a
        case let o as [String: Any]: items = (o["batch"] as? [Any]) ?? [o]
        default: return
        }
        let received = Instant(millisecondsSinceEpoch: 1_790_000_000_000)
        for item in items {
            if case .success(let e) = TrackedEvent.parse(
                item, mapping: EventTypeMapping(), timeZone: .tokyo, receivedAt: received)
            {
                _ = e.emailDomain
            }
        }
    }

    /// A tree export's records, each mapped as the Salesforce connector maps it.
    static func salesforce(_ bytes: [UInt8]) {
        guard case .success(let entries) = SalesforceTreeExport.records(from: Data(bytes)) else { return }
        for e in entries {
            _ = SalesforceMapping.recordId(e.record)
            _ = SalesforceMapping.company(e.record)
            _ = SalesforceMapping.contact(e.record)
            _ = SalesforceMapping.opportunity(e.record)
        }
    }
}
