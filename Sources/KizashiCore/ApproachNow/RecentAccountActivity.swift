/// One recent activity of a target account with what we know of the person behind it — the
/// raw material of the "approach now" reasons (who, which department, which page).
public struct RecentAccountActivity: Sendable, Equatable {
    public var companyId: String
    public var day: Day
    public var type: ActivityType
    public var contactId: String?
    public var department: String?
    public var role: ContactRole?
    public var contactName: String?
    public var url: String?
    public var topic: String?

    public init(
        companyId: String, day: Day, type: ActivityType, contactId: String?, department: String?, role: ContactRole?,
        contactName: String?, url: String?, topic: String?
    ) {
        self.companyId = companyId
        self.day = day
        self.type = type
        self.contactId = contactId
        self.department = department
        self.role = role
        self.contactName = contactName
        self.url = url
        self.topic = topic
    }

    /// A visit to a pricing page (`/pricing`, `/price`, `料金`, `価格`): the strongest web signal.
    public var isPricingVisit: Bool {
        guard type == .webVisit, var url else { return false }
        // In place, without copying the URL (this runs for every recent visit of every account).
        return url.withUTF8(Self.isPricingURL)
    }

    /// Whether a URL's bytes name a pricing page: ASCII-lower-cased for "pricing" and "/price";
    /// 料金 and 価格 have no case. A byte search, so a store can test a row's URL without
    /// making a String of it (the training reads 14 months of rows).
    public static func isPricingURL(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        func has(_ needle: StaticString) -> Bool {
            let n = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
            guard u.count >= n.count else { return false }
            var i = 0
            while i <= u.count - n.count {
                var j = 0
                while j < n.count {
                    let b = u[i + j]
                    if (b >= 65 && b <= 90 ? b + 32 : b) != n[j] { break }
                    j += 1
                }
                if j == n.count { return true }
                i += 1
            }
            return false
        }
        return has("pricing") || has("/price") || has("料金") || has("価格")
    }

    /// High-intent actions (issue 4): a form, an event, a pricing page.
    public var isHighIntent: Bool { type == .formSubmit || type == .eventAttend || isPricingVisit }
}
