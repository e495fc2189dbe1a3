/// Which account an activity counts for: its company, else its contact's company, resolved when
/// the row is written (data-format.md §activities.csv). Both backends store the result as the
/// row's `account_key` and count it in the roll-ups under it.
enum ActivityAccount {
    /// The company_key of the account; −1 when the activity resolves to no stored company.
    static func key(companyId: String?, contactId: String?, keys: [String: Int64], contacts: [String: String]) -> Int64
    {
        (companyId ?? contactId.flatMap { contacts[$0] }).flatMap { keys[$0] } ?? -1
    }
}
