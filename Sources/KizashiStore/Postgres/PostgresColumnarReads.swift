import KizashiCore
import PostgresNIO

/// The KPI dataset's two largest reads, every company and a window's intent signals, as a few
/// rows of arrays (`PostgresArrayColumn`) instead of a row per company or signal.
///
/// The arrays are aggregated from a sorted subquery, which PostgreSQL documents as "usually"
/// keeping the order; every aggregate of one row sees the rows in the same sequence, so the
/// columns always line up. The order itself is checked here: should a plan ever deliver another,
/// the read is logged and done again row by row, so the dataset is the same either way.
extension PostgresWorkspaceStore {
    /// Companies per array row: a range of this many company_keys, a few hundred KB a row.
    /// PostgresNIO gathers each row whole before it is read; rows of 32,768 keys (MBs) cost
    /// more copying and fresh pages, the same speed and 4 % more peak memory (paired, large).
    static let companyKeysPerRow: Int64 = 4_096

    /// Every company with its company_key, in company_key order.
    ///
    /// The array rows come in `generate_series` order, which the nested loop keeps. No
    /// `ORDER BY g.low`: the planner cannot know the series is sorted, and sorting the 25 array
    /// rows of a large workspace spilled 18 MB to disk (the query's server time 198 → 100 ms by
    /// EXPLAIN ANALYZE; the report's wall time within noise). Should a plan ever reorder them,
    /// the order check below reads row by row instead.
    func reportCompanies(keysPerRow: Int64 = companyKeysPerRow) async throws -> CompanyRows {
        let bounds = try await reportScan("SELECT min(company_key), max(company_key) FROM companies") { row in
            var c = PostgresCells(row)
            return (try c.next(Int64?.self), try c.next(Int64?.self))
        }
        guard let (low, high) = bounds.first, let low, let high else { return CompanyRows() }
        // Identity keys start at 1; a key set by hand outside [0, 2^62] is read row by row, so
        // no range bound below can overflow.
        guard low >= 0, high <= 1 << 62 else { return try await companiesByRow() }
        let read = try await reportReduce(
            """
            SELECT a.* FROM generate_series(\(low), \(high), \(keysPerRow)) AS g(low) CROSS JOIN LATERAL (
                SELECT array_agg(company_key), array_agg(company_id), array_agg(name), array_agg(corporate_number),
                       array_agg(domain), array_agg(industry), array_agg(employees), array_agg(annual_revenue),
                       array_agg(country), array_agg(region), array_agg(updated_on), array_agg(verified_on)
                FROM (SELECT * FROM companies WHERE company_key >= g.low AND company_key < g.low + \(keysPerRow)
                      ORDER BY company_key) s) a
            """,
            into: CompanyRows()
        ) { out, row in
            var cells = PostgresCells(row)
            // Each column its own `let`: an array of columns copied a column per value read.
            let (key, id, name, number, domain, industry) = (
                try cells.column(), try cells.column(), try cells.column(), try cells.column(), try cells.column(),
                try cells.column()
            )
            let (employees, revenue, country, region, updated, verified) = (
                try cells.column(), try cells.column(), try cells.column(), try cells.column(), try cells.column(),
                try cells.column()
            )
            let n = key.count
            guard
                [id, name, number, domain, industry, employees, revenue, country, region, updated, verified]
                    .allSatisfy({ $0.count == n })
            else { throw StoreError("PostgreSQL sent company columns of different lengths") }
            for i in 0..<n {
                guard let k = key.integer(i), let companyId = id.text(i), let companyName = name.text(i) else {
                    throw StoreError("stored company row has an empty required field")
                }
                if let last = out.keys.last, last >= k { out.ordered = false }
                out.keys.append(k)
                out.companies.append(
                    Company(
                        id: companyId, name: companyName, corporateNumber: number.text(i), domain: domain.text(i),
                        industry: industry.text(i), employees: employees.text(i), annualRevenue: revenue.text(i),
                        country: country.text(i), region: region.text(i), updatedOn: updated.day(i),
                        verifiedOn: verified.day(i)))
            }
        }
        guard read.ordered else {
            logger.warning("companies arrived out of company_key order in arrays; reading them row by row")
            return try await companiesByRow()
        }
        return read
    }

    /// Every company, a row each (the form the arrays above replace).
    func companiesByRow() async throws -> CompanyRows {
        try await reportReduce(
            """
            SELECT company_key, company_id, name, corporate_number, domain, industry, employees, annual_revenue,
                   country, region, updated_on, verified_on FROM companies ORDER BY company_key
            """,
            into: CompanyRows()
        ) { out, row in
            var c = PostgresCells(row)
            out.keys.append(try c.next(Int64?.self) ?? -1)
            out.companies.append(
                Company(
                    id: try c.next(), name: try c.next(), corporateNumber: try c.next(), domain: try c.next(),
                    industry: try c.next(), employees: try c.next(), annualRevenue: try c.next(),
                    country: try c.next(), region: try c.next(), updatedOn: try c.day(), verifiedOn: try c.day()))
        }
    }

    /// The intent signals observed in `days`, ordered by day, company, topic, kind, score and ID
    /// (the SQLite store's order), one array row a day.
    func reportIntent(days: ClosedRange<Day>) async throws -> [IntentSignal] {
        let read = try await reportReduce(
            """
            SELECT observed_on, array_agg(signal_id), array_agg(company_id), array_agg(topic), array_agg(kind),
                   array_agg(score)
            FROM (SELECT signal_id, company_id, observed_on, topic, kind, score FROM intent
                  WHERE observed_on BETWEEN \(days.lowerBound) AND \(days.upperBound)
                  ORDER BY observed_on, company_id, topic, kind, score, signal_id) s
            GROUP BY observed_on ORDER BY observed_on
            """,
            into: (signals: [IntentSignal](), ordered: true)
        ) { out, row in
            var cells = PostgresCells(row)
            guard let day = try cells.day() else {
                throw StoreError("stored row has an unreadable date in observed_on")
            }
            let (id, company, topic, kind, score) = (
                try cells.column(), try cells.column(), try cells.column(), try cells.column(), try cells.column()
            )
            let n = id.count
            guard company.count == n, topic.count == n, kind.count == n, score.count == n else {
                throw StoreError("PostgreSQL sent intent columns of different lengths")
            }
            // company_id, topic, kind, score, signal_id ascending within the day.
            for i in 0..<max(n - 1, 0) where out.ordered {
                var order = company.compare(i, i + 1)
                if order == 0 { order = topic.compare(i, i + 1) }
                if order == 0 { order = kind.compare(i, i + 1) }
                if order == 0 {
                    let (a, b) = (score.integer(i) ?? 0, score.integer(i + 1) ?? 0)
                    order = a < b ? -1 : a > b ? 1 : 0
                }
                if order == 0 { order = id.compare(i, i + 1) }
                if order > 0 { out.ordered = false }
            }
            var kinds: [String: IntentKind] = [:]
            for i in 0..<n {
                guard let name = kind.text(i), let k = kinds[name] ?? IntentKind(rawValue: name) else {
                    throw StoreError("stored row has an unknown kind")
                }
                kinds[name] = k
                guard let idText = id.text(i), let companyId = company.text(i), let topicText = topic.text(i),
                    let s = score.integer(i)
                else { throw StoreError("stored intent row has an empty required field") }
                out.signals.append(
                    IntentSignal(
                        id: idText, companyId: companyId, observedOn: day, topic: topicText, kind: k, score: Int(s)))
            }
        }
        guard read.ordered else {
            logger.warning("intent signals arrived out of order in arrays; reading them row by row")
            return try await intentByRow(days: days)
        }
        return read.signals
    }

    /// The intent signals of `days`, a row each (the form the arrays above replace).
    func intentByRow(days: ClosedRange<Day>) async throws -> [IntentSignal] {
        try await reportScan(
            """
            SELECT signal_id, company_id, observed_on, topic, kind, score FROM intent
            WHERE observed_on BETWEEN \(days.lowerBound) AND \(days.upperBound)
            ORDER BY observed_on, company_id, topic, kind, score, signal_id
            """
        ) { row -> IntentSignal in
            var c = PostgresCells(row)
            let (id, company) = (try c.next(String.self), try c.next(String.self))
            guard let observedOn = try c.day() else {
                throw StoreError("stored row has an unreadable date in observed_on")
            }
            let topic = try c.next(String.self)
            guard let kind = IntentKind(rawValue: try c.next(String.self)) else {
                throw StoreError("stored row has an unknown kind")
            }
            return IntentSignal(
                id: id, companyId: company, observedOn: observedOn, topic: topic, kind: kind,
                score: Int(try c.next(Int32.self)))
        }
    }
}

extension PostgresWorkspaceStore {
    /// Contacts per array row, a page in contact_id order.
    static let contactsPerRow = 65_536

    /// The contacts of every company that was ever a target (kpis.md §data_quality, §Phase 3), in
    /// contact_id order: pages of arrays, each after the last ID of the one before.
    func reportTargetContacts(pageSize: Int = contactsPerRow) async throws -> [Contact] {
        var out: [Contact] = []
        var after: String? = nil
        while true {
            let page = try await reportScan(
                """
                SELECT array_agg(contact_id), array_agg(company_id), array_agg(name), array_agg(email),
                       array_agg(department), array_agg(title), array_agg(role), array_agg(phone), array_agg(updated_on)
                FROM (SELECT * FROM contacts WHERE company_id IN (SELECT company_id FROM targets)
                      AND (\(after)::text IS NULL OR contact_id > \(after)) ORDER BY contact_id LIMIT \(pageSize)) s
                """
            ) { row -> (contacts: [Contact], ordered: Bool) in
                var cells = PostgresCells(row)
                let (id, company, name, email, department) = (
                    try cells.column(), try cells.column(), try cells.column(), try cells.column(), try cells.column()
                )
                let (title, role, phone, updated) = (
                    try cells.column(), try cells.column(), try cells.column(), try cells.column()
                )
                let n = id.count
                guard [company, name, email, department, title, role, phone, updated].allSatisfy({ $0.count == n })
                else { throw StoreError("PostgreSQL sent contact columns of different lengths") }
                var contacts: [Contact] = []
                contacts.reserveCapacity(n)
                for i in 0..<n {
                    guard let contactId = id.text(i), let companyId = company.text(i) else {
                        throw StoreError("stored contact row has an empty required field")
                    }
                    contacts.append(
                        Contact(
                            id: contactId, companyId: companyId, name: name.text(i), email: email.text(i),
                            department: department.text(i), title: title.text(i),
                            role: role.text(i).flatMap(ContactRole.init(rawValue:)), phone: phone.text(i),
                            updatedOn: updated.day(i)))
                }
                let ordered = (0..<max(n - 1, 0)).allSatisfy { id.compare($0, $0 + 1) < 0 }
                return (contacts, ordered)
            }
            guard let (contacts, ordered) = page.first, !contacts.isEmpty else { break }
            // In order within the page and after the page before (byte order, the "C" collation).
            guard ordered, after.map({ $0.utf8.lexicographicallyPrecedes(contacts[0].id.utf8) }) ?? true else {
                logger.warning("contacts arrived out of contact_id order in arrays; reading them row by row")
                return try await targetContactsByRow()
            }
            out += contacts
            guard contacts.count == pageSize else { break }
            after = contacts[contacts.count - 1].id
        }
        return out
    }

    /// The same contacts, a row each (the form the arrays above replace).
    func targetContactsByRow() async throws -> [Contact] {
        try await reportScan(
            """
            SELECT contact_id, company_id, name, email, department, title, role, phone, updated_on FROM contacts
            WHERE company_id IN (SELECT company_id FROM targets) ORDER BY contact_id
            """
        ) { row in
            var c = PostgresCells(row)
            return Contact(
                id: try c.next(), companyId: try c.next(), name: try c.next(), email: try c.next(),
                department: try c.next(), title: try c.next(),
                role: try c.next(String?.self).flatMap(ContactRole.init(rawValue:)), phone: try c.next(),
                updatedOn: try c.day())
        }
    }
}

/// Companies and their company_keys, position by position, in company_key order.
struct CompanyRows: Sendable {
    var keys: [Int64] = []
    var companies: [Company] = []
    /// False once a key did not follow the one before (`reportCompanies` then reads again).
    var ordered = true
}
