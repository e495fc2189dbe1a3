/// The review for programs (`kizashi digest --format json`, `GET /api/v1/digest`): every KPI
/// figure as the KPI report's JSON writes it (`KPIValue.json`), so a value here is byte for
/// byte the one `kizashi kpi --format json` prints for the same period and tier.
extension Digest {
    public func json(_ lang: Language) -> JSONValue {
        func periodJSON(_ p: KPIPeriod) -> JSONValue {
            .object([
                ("label", .string(p.label)), ("start", .string(p.start.description)),
                ("end", .string(p.end.description)),
            ])
        }
        let kpis = movements.map { m -> JSONValue in
            .object([
                ("key", .string(m.definition.key)), ("phase", .string(m.definition.phase.rawValue)),
                ("value", m.value.json), ("previous", m.previous.json), ("change", m.change.json),
                ("target", m.goal.map { .number($0.target) } ?? .null),
                ("attainment", m.goal?.attainment.json ?? .null),
            ])
        }
        let funnel = current.funnel.enumerated().map { i, s -> JSONValue in
            let p = i < previous.funnel.count ? previous.funnel[i] : nil
            return .object([
                ("step", .string(s.step)), ("count", .int(s.count)), ("conversion", s.conversion.json),
                ("previous_count", p.map { .int($0.count) } ?? .null),
                ("previous_conversion", p?.conversion.json ?? .null),
            ])
        }
        func rows(_ rs: [CampaignEfficiency.Row]) -> JSONValue {
            .array(
                rs.map {
                    .object([
                        ("campaign_id", .string($0.campaignId)), ("name", .string($0.name)), ("cost", .number($0.cost)),
                        ("pipeline", .number($0.pipeline)), ("pipeline_per_cost", .number($0.pipelinePerCost)),
                    ])
                })
        }
        return .object([
            ("period", periodJSON(period)), ("previous_period", periodJSON(previous.period)),
            ("as_of", .string(asOf.description)), ("tier", tier.map { .int($0.rawValue) } ?? .null),
            ("segment", segment.map { .string($0) } ?? .null),
            ("currency", .string(current.parameters.currency)),
            ("kpis", .array(kpis)),
            ("bottleneck", current.bottleneck?.json ?? .null),
            ("previous_bottleneck", previous.bottleneck?.json ?? .null),
            ("funnel", .array(funnel)),
            (
                "approach_now",
                .object([
                    ("model", .string(approachNow.candidate.rawValue)), ("why", .string(approachNow.why(lang))),
                    ("accounts", .array(approachNow.entries.map { $0.json(lang) })),
                ])
            ),
            (
                "campaigns",
                .object([
                    ("model", .string(CampaignEfficiency.model.rawValue)), ("best", rows(campaigns.best)),
                    ("worst", rows(campaigns.worst)),
                ])
            ),
            ("initiatives", .array(initiatives.map(\.json))),
            ("signals", signals?.json() ?? .null),
        ])
    }
}
