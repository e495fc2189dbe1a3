/// icp.json — the ideal customer profile (data-format.md §icp.json). Every key optional.
public struct IdealCustomerProfile: Sendable, Equatable, Codable {
    public struct NumericRange: Sendable, Equatable, Codable {
        /// Inclusive.
        public var min: Double?
        /// Inclusive.
        public var max: Double?
        public init(min: Double? = nil, max: Double? = nil) {
            self.min = min
            self.max = max
        }
    }

    public var industries: [String]?
    public var employees: NumericRange?
    public var annualRevenue: NumericRange?
    public var countries: [String]?
    public var regions: [String]?

    public init(
        industries: [String]? = nil, employees: NumericRange? = nil, annualRevenue: NumericRange? = nil,
        countries: [String]? = nil, regions: [String]? = nil
    ) {
        self.industries = industries
        self.employees = employees
        self.annualRevenue = annualRevenue
        self.countries = countries
        self.regions = regions
    }

    enum CodingKeys: String, CodingKey {
        case industries, employees, countries, regions
        case annualRevenue = "annual_revenue"
    }
}
