/// Salesforce record IDs as the Salesforce import keeps them: an Account or Contact read from a
/// Salesforce export keeps its own 18-character ID as its workspace ID (`SalesforceMapping.id18`);
/// one that 名寄せ matched to an existing workspace company keeps the workspace's ID, and the
/// import remembers its record ID separately (`CRMSyncStore.linkCRMRecords`, object `Account`).
public enum SalesforceRecordID {
    /// The key prefixes of the objects Kizashi writes (the first three characters of every ID).
    public static let accountPrefix = "001"
    public static let contactPrefix = "003"

    /// `id` when it is a well-formed 18-character Salesforce ID starting with `prefix`: letters and
    /// digits only, and a case-check suffix that matches its first 15 characters. A tree export's
    /// `AccountRef1` or another source's ID is not one, so it is never sent to Salesforce.
    public static func checked(_ id: String, prefix: String) -> String? {
        guard id.utf8.count == 18, id.hasPrefix(prefix),
            id.utf8.allSatisfy({
                ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A)
            })
        else { return nil }
        return SalesforceMapping.id18(String(id.prefix(15))) == id ? id : nil
    }

    public static func account(_ id: String) -> String? { checked(id, prefix: accountPrefix) }
    public static func contact(_ id: String) -> String? { checked(id, prefix: contactPrefix) }
}
