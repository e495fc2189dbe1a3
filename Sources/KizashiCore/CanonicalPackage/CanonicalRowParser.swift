/// A header that cannot be imported: a missing required column or a repeated column name.
public struct CanonicalHeaderError: Error, CustomStringConvertible, Sendable {
    public var entity: CanonicalEntity
    public var message: String
    public var description: String { message }
}

/// Why a row is bad (data-format.md: "reported with file, line, column and reason").
public struct RowIssue: Error, Sendable, Equatable {
    public var line: Int
    public var column: String
    public var value: String
    public var reason: String
}

/// Turns the records of one canonical file into entities, applying every rule of data-format.md.
public struct CanonicalRowParser: Sendable {
    public let entity: CanonicalEntity
    public let timeZone: WorkspaceTimeZone
    /// Header columns that are not part of the entity (ignored with a warning).
    public let unknownColumns: [String]
    /// Each header column → the canonical column it fills (nil: unknown, ignored), in file order —
    /// the column mapping an import preview shows.
    public let mapping: [(header: String, column: String?)]
    /// Header position of each canonical column of this entity, by `CanonicalColumn` ordinal
    /// (-1: not in the header).
    private let slots: [Int]
    private let width: Int

    /// Binds the header row. Column names are trimmed and compared case-insensitively.
    public init(entity: CanonicalEntity, header: [String], timeZone: WorkspaceTimeZone) throws {
        self.entity = entity
        self.timeZone = timeZone
        var slots = [Int](repeating: -1, count: CanonicalColumn.allCases.count)
        var seen: Set<String> = []
        var unknown: [String] = []
        var mapping: [(header: String, column: String?)] = []
        let known = Dictionary(uniqueKeysWithValues: entity.columnKeys.map { ($0.name, $0) })
        for (i, raw) in header.enumerated() {
            let name = raw.trimmingASCIIWhitespace().lowercased()
            if !seen.insert(name).inserted {
                throw CanonicalHeaderError(
                    entity: entity, message: "\(entity.fileName): column \"\(name)\" appears twice in the header")
            }
            if let column = known[name] {
                slots[column.rawValue] = i
            } else {
                unknown.append(raw.trimmingASCIIWhitespace())
            }
            mapping.append((raw.trimmingASCIIWhitespace(), known[name] != nil ? name : nil))
        }
        for required in entity.requiredColumnKeys where slots[required.rawValue] < 0 {
            throw CanonicalHeaderError(
                entity: entity,
                message: "\(entity.fileName): required column \"\(required.name)\" is missing from the header")
        }
        self.slots = slots
        self.unknownColumns = unknown
        self.mapping = mapping
        self.width = header.count
    }

    public func parse(_ record: CSVRecord, encoding: SourceEncoding) -> Result<CanonicalRecord, RowIssue> {
        let line = record.line
        if let m = record.malformed {
            return .failure(RowIssue(line: line, column: "", value: "", reason: "malformed CSV: \(m)"))
        }
        if record.count != width {
            return .failure(
                RowIssue(
                    line: line, column: "", value: "",
                    reason: "the row has \(record.count) fields but the header has \(width)"))
        }
        // The row's fields are read in place: a slice per field access retained and released
        // the record's buffers, and copies of the record came and went per row (together
        // about a twentieth of the parsing thread, perf).
        return record.withUnsafeFields { bytes, ends, origin in
            slots.withUnsafeBufferPointer { slots in
                var row = Row(
                    bytes: bytes, ends: ends, origin: origin, slots: slots, encoding: encoding, line: line)
                do {
                    return .success(try parseRow(&row))
                } catch let issue as RowIssue {
                    return .failure(issue)
                } catch {
                    return .failure(RowIssue(line: line, column: "", value: "", reason: "\(error)"))
                }
            }
        }
    }

    /// Field access for one row: decode, trim, empty = nil, and typed reads that throw `RowIssue`.
    /// Valid only inside `parse` (it points into the record).
    struct Row {
        /// The fields' bytes back to back, and where each field ends (`CSVRecord.withUnsafeFields`).
        let bytes: UnsafeBufferPointer<UInt8>
        let ends: UnsafeBufferPointer<Int>
        let origin: Int
        let slots: UnsafeBufferPointer<Int>
        let encoding: SourceEncoding
        let line: Int

        /// The field's bytes with surrounding whitespace trimmed; nil when absent or empty.
        func bytes(_ c: CanonicalColumn) -> UnsafeBufferPointer<UInt8>? {
            let i = slots[c.rawValue]
            guard i >= 0 else { return nil }
            var lo = i == 0 ? 0 : ends[i - 1] - origin, hi = ends[i] - origin
            let f = bytes
            while lo < hi, f[lo] == 32 || f[lo] == 9 || f[lo] == 10 || f[lo] == 13 { lo += 1 }
            while hi > lo, f[hi - 1] == 32 || f[hi - 1] == 9 || f[hi - 1] == 10 || f[hi - 1] == 13 { hi -= 1 }
            return lo < hi ? UnsafeBufferPointer(rebasing: f[lo..<hi]) : nil
        }

        func text(_ c: CanonicalColumn) throws -> String? {
            guard let b = bytes(c) else { return nil }
            do { return try encoding.decode(b) } catch {
                throw RowIssue(line: line, column: c.name, value: "", reason: "\(error)")
            }
        }
        func required(_ c: CanonicalColumn) throws -> String {
            guard let v = try text(c) else {
                throw RowIssue(line: line, column: c.name, value: "", reason: "a value is required")
            }
            return v
        }
        func check<T>(_ c: CanonicalColumn, _ v: String, _ r: Result<T, FieldProblem>) throws -> T {
            switch r {
            case .success(let x): return x
            case .failure(let p): throw RowIssue(line: line, column: c.name, value: v, reason: p.reason)
            }
        }
        func day(_ c: CanonicalColumn) throws -> Day? { try text(c).map { try check(c, $0, CanonicalField.day($0)) } }
        func requiredDay(_ c: CanonicalColumn) throws -> Day {
            let v = try required(c); return try check(c, v, CanonicalField.day(v))
        }
        func requiredInstant(_ c: CanonicalColumn, _ tz: WorkspaceTimeZone) throws -> Instant {
            guard let b = bytes(c) else {
                throw RowIssue(line: line, column: c.name, value: "", reason: "a value is required")
            }
            // Parsed from the bytes: timestamps are ASCII, and this is the hottest field of an import.
            switch CanonicalField.timestamp(bytes: b, timeZone: tz) {
            case .success(let i): return i
            case .failure(let p):
                throw RowIssue(line: line, column: c.name, value: (try? text(c)) ?? "", reason: p.reason)
            }
        }
        func requiredMoney(_ c: CanonicalColumn) throws -> Double {
            let v = try required(c); return try check(c, v, CanonicalField.money(v))
        }
        func money(_ c: CanonicalColumn) throws -> Double? {
            try text(c).map { try check(c, $0, CanonicalField.money($0)) }
        }
        func enumValue<E: RawRepresentable & CaseIterable>(_ c: CanonicalColumn, _ t: E.Type) throws -> E?
        where E.RawValue == String {
            try text(c).map { try check(c, $0, CanonicalField.enumeration($0, t)) }
        }
        func requiredEnum<E: RawRepresentable & CaseIterable>(_ c: CanonicalColumn, _ t: E.Type) throws -> E
        where E.RawValue == String {
            let v = try required(c)
            return try check(c, v, CanonicalField.enumeration(v, t))
        }
        func fail(_ c: CanonicalColumn, _ v: String, _ reason: String) -> RowIssue {
            RowIssue(line: line, column: c.name, value: v, reason: reason)
        }
    }

    private func parseRow(_ r: inout Row) throws -> CanonicalRecord {
        switch entity {
        case .companies:
            return .company(
                Company(
                    id: try r.required(.companyId), name: try r.required(.name),
                    corporateNumber: try r.text(.corporateNumber), domain: try r.text(.domain),
                    industry: try r.text(.industry), employees: try r.text(.employees),
                    annualRevenue: try r.text(.annualRevenue), country: try r.text(.country),
                    region: try r.text(.region),
                    updatedOn: try r.day(.updatedOn), verifiedOn: try r.day(.verifiedOn)))
        case .targets:
            let tierText = try r.required(.tier)
            guard let n = CanonicalField.integer(tierText), let tier = Tier(rawValue: n) else {
                throw r.fail(.tier, tierText, "unknown value; allowed: 1, 2, 3")
            }
            let added = try r.requiredDay(.addedOn)
            let removed = try r.day(.removedOn)
            if let removed, removed <= added {
                throw r.fail(.removedOn, removed.description, "must be after added_on (\(added))")
            }
            return .target(
                TargetMembership(
                    companyId: try r.required(.companyId), tier: tier, addedOn: added, removedOn: removed,
                    owner: try r.text(.owner)))
        case .contacts:
            return .contact(
                Contact(
                    id: try r.required(.contactId), companyId: try r.required(.companyId), name: try r.text(.name),
                    email: try r.text(.email), department: try r.text(.department), title: try r.text(.title),
                    role: try r.enumValue(.role, ContactRole.self), phone: try r.text(.phone),
                    updatedOn: try r.day(.updatedOn)))
        case .activities:
            return .activity(
                Activity(
                    id: try r.required(.activityId), occurredAt: try r.requiredInstant(.occurredAt, timeZone),
                    type: try r.requiredEnum(.type, ActivityType.self), companyId: try r.text(.companyId),
                    contactId: try r.text(.contactId), campaignId: try r.text(.campaignId), url: try r.text(.url),
                    topic: try r.text(.topic)))
        case .intent:
            let scoreText = try r.required(.score)
            guard let score = CanonicalField.integer(scoreText), (0...100).contains(score) else {
                throw r.fail(.score, scoreText, "must be an integer from 0 to 100")
            }
            return .intent(
                IntentSignal(
                    id: try r.required(.signalId), companyId: try r.required(.companyId),
                    observedOn: try r.requiredDay(.observedOn), topic: try r.required(.topic),
                    kind: try r.requiredEnum(.kind, IntentKind.self), score: score, source: try r.text(.source)))
        case .leadStages:
            return .leadStage(
                LeadStageTransition(
                    contactId: try r.required(.contactId), stage: try r.requiredEnum(.stage, LeadStage.self),
                    reachedAt: try r.requiredInstant(.reachedAt, timeZone)))
        case .meetings:
            return .meeting(
                Meeting(
                    id: try r.required(.meetingId), companyId: try r.required(.companyId),
                    contactId: try r.text(.contactId),
                    heldAt: try r.requiredInstant(.heldAt, timeZone), kind: try r.enumValue(.kind, MeetingKind.self))
            )
        case .opportunities:
            var term: Int?
            if let t = try r.text(.termMonths) {
                guard let n = CanonicalField.integer(t), n >= 1 else {
                    throw r.fail(.termMonths, t, "must be a whole number of months ≥ 1")
                }
                term = n
            }
            let status = try r.requiredEnum(.status, OpportunityStatus.self)
            let created = try r.requiredDay(.createdOn)
            let closed = try r.day(.closedOn)
            if status != .open && closed == nil {
                throw r.fail(.closedOn, "", "is required when status is \(status.rawValue)")
            }
            if let closed, closed < created {
                throw r.fail(.closedOn, closed.description, "is before created_on (\(created))")
            }
            // data-format.md: an open deal's amount may be unknown yet; a closed deal's may not.
            let amount = try r.money(.amount)
            if amount == nil && status != .open {
                throw r.fail(.amount, "", "is required when status is \(status.rawValue)")
            }
            return .opportunity(
                Opportunity(
                    id: try r.required(.opportunityId), companyId: try r.required(.companyId),
                    name: try r.text(.name),
                    createdOn: created, amount: amount, termMonths: term, status: status,
                    closedOn: closed, stage: try r.text(.stage), source: try r.text(.source)))
        case .contracts:
            let start = try r.requiredDay(.startOn)
            let end = try r.day(.endOn)
            if let end, end <= start { throw r.fail(.endOn, end.description, "must be after start_on (\(start))") }
            return .contract(
                Contract(
                    id: try r.required(.contractId), companyId: try r.required(.companyId), startOn: start,
                    endOn: end,
                    annualValue: try r.requiredMoney(.annualValue)))
        case .campaigns:
            let start = try r.requiredDay(.startOn)
            let end = try r.requiredDay(.endOn)
            if end < start { throw r.fail(.endOn, end.description, "is before start_on (\(start))") }
            var abm = false
            if let a = try r.text(.abm) { abm = try r.check(.abm, a, CanonicalField.bool(a)) }
            return .campaign(
                Campaign(
                    id: try r.required(.campaignId), name: try r.required(.name), channel: try r.text(.channel),
                    startOn: start, endOn: end, cost: try r.requiredMoney(.cost), abm: abm))
        }
    }
}
