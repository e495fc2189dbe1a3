import KizashiCore

/// Holdout experiments: the same statements on both backends. The seed is kept as decimal text
/// (PostgreSQL has no unsigned 64-bit integer, and a UInt64 above Int64.max must survive).
extension SQLWorkspaceBackend {
    public func experiments() async throws -> [Experiment] {
        let heads = try await read("SELECT * FROM experiments ORDER BY experiment_id")
        guard !heads.isEmpty else { return [] }
        var accounts: [Int64: [ExperimentAccount]] = [:]
        for r in try await read(
            "SELECT * FROM experiment_accounts ORDER BY experiment_id, company_id")
        {
            guard let id = r.int64("experiment_id") else { throw unreadable }
            accounts[id, default: []].append(try account(r))
        }
        return try heads.map { try experiment($0, accounts: accounts[$0.int64("experiment_id") ?? -1] ?? []) }
    }

    public func experiment(named name: String) async throws -> Experiment? {
        guard let head = try await read("SELECT * FROM experiments WHERE name = \(name)").first,
            let id = head.int64("experiment_id")
        else { return nil }
        let accounts = try await read(
            "SELECT * FROM experiment_accounts WHERE experiment_id = \(id) ORDER BY company_id"
        ).map(account)
        return try experiment(head, accounts: accounts)
    }

    public func createExperiment(_ e: Experiment) async throws {
        let lock = dialect.transactionLock(named: "experiments")
        try await atomically("the experiment was not stored") { s in
            if let lock { try await s.run(lock) }
            if try await !s.rows("SELECT experiment_id FROM experiments WHERE name = \(e.name)").isEmpty {
                throw ExperimentNameTaken(name: e.name)
            }
            guard
                let id = try await s.rows(
                    """
                    INSERT INTO experiments (name, population, holdout_basis_points, seed, start_on, ended_on, created_at)
                    VALUES (\(e.name), \(e.population.rawValue), \(e.share.basisPoints), \(String(e.seed)),
                        \(e.start.description), \(.day(e.endedOn)), \(e.createdAt))
                    RETURNING experiment_id
                    """
                ).first?.int64("experiment_id")
            else { throw StoreError("the experiment was not stored") }
            // 3 values a row: 250 rows stay under SQLite's historical 999 parameters.
            var start = 0
            while start < e.accounts.count {
                let chunk = e.accounts[start..<min(start + 250, e.accounts.count)]
                try await s.run(
                    """
                    INSERT INTO experiment_accounts (experiment_id, company_id, assigned_group, stratum)
                    VALUES \(rows: chunk.map { [.integer(id), .text($0.companyId), .text($0.group.rawValue), .text($0.stratum)] })
                    """)
                start += 250
            }
        }
    }

    public func endExperiment(named name: String, on day: Day) async throws -> Bool {
        !(try await write(
            "UPDATE experiments SET ended_on = \(day.description) WHERE name = \(name) RETURNING experiment_id"
        ).isEmpty)
    }

    public func holdoutMemberships(of companyId: String) async throws -> [(experiment: String, endedOn: Day?)] {
        try await read(
            """
            SELECT e.name AS name, e.ended_on AS ended_on FROM experiment_accounts a
            JOIN experiments e ON e.experiment_id = a.experiment_id
            WHERE a.company_id = \(companyId) AND a.assigned_group = 'holdout' ORDER BY e.experiment_id
            """
        ).map { r in
            guard let name = r.text("name") else { throw unreadable }
            return (name, try r.text("ended_on").map { t in try Day(iso: t).orThrow(unreadable) })
        }
    }

    private var unreadable: StoreError {
        StoreError("an experiment is unreadable (tables experiments, experiment_accounts)")
    }

    private func account(_ r: StoredRecord) throws -> ExperimentAccount {
        guard let company = r.text("company_id"), let g = r.text("assigned_group").flatMap(ExperimentGroup.init),
            let stratum = r.text("stratum")
        else { throw unreadable }
        return ExperimentAccount(companyId: company, group: g, stratum: stratum)
    }

    private func experiment(_ r: StoredRecord, accounts: [ExperimentAccount]) throws -> Experiment {
        guard let name = r.text("name"), let population = r.text("population").flatMap(ExperimentPopulation.init),
            let share = r.int("holdout_basis_points").flatMap({ HoldoutShare(basisPoints: $0) }),
            let seed = r.text("seed").flatMap({ UInt64($0) }), let start = r.text("start_on").flatMap({ Day(iso: $0) }),
            let created = r.int64("created_at")
        else { throw unreadable }
        let ended = try r.text("ended_on").map { t in try Day(iso: t).orThrow(unreadable) }
        return Experiment(
            name: name, population: population, share: share, seed: seed, start: start, endedOn: ended,
            createdAt: Instant(millisecondsSinceEpoch: created), accounts: accounts)
    }
}

extension Optional {
    fileprivate func orThrow(_ error: some Error) throws -> Wrapped {
        guard let self else { throw error }
        return self
    }
}
