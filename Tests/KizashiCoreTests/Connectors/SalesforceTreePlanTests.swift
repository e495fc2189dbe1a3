import Foundation
import KizashiCore
import Testing

/// `sf data tree export --plan` writes plan files beside the data; they hold no records.
@Suite("Salesforce tree export: import plans")
struct SalesforceTreePlanTests {
    @Test("a plan is recognised by its sobject entries; records, other arrays and other JSON are not plans")
    func plans() {
        let plan = #"[{"sobject": "Account", "saveRefs": true, "resolveRefs": false, "files": ["Accounts.json"]}]"#
        #expect(SalesforceTreeExport.isPlan(Data(plan.utf8)))
        #expect(!SalesforceTreeExport.isPlan(Data(#"{"records": []}"#.utf8)))
        #expect(!SalesforceTreeExport.isPlan(Data("[]".utf8)))
        #expect(!SalesforceTreeExport.isPlan(Data(#"[{"sobject": "Account"}, 1]"#.utf8)))
        #expect(!SalesforceTreeExport.isPlan(Data("not json".utf8)))
    }
}
