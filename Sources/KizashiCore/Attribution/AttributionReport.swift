/// The figures of attribution.md §Figures for one period (and tier), per campaign, per direct
/// key and per channel, for every model, with the unattributed remainder and the Markov chain's
/// removal effects. `json(models:)` writes the JSON of attribution.md §Output.
public struct AttributionReport: Sendable {
    /// What one key (or channel) got under one model.
    public struct ModelFigures: Sendable, Equatable {
        /// Σ credit × amount over the opportunities created in the period.
        public var pipeline = 0.0
        /// Σ credit over those opportunities (fractional opportunities).
        public var opportunities = 0.0
        /// Σ credit × amount over the won opportunities closed in the period.
        public var revenue = 0.0
        /// Σ credit over those.
        public var won = 0.0
        public init() {}

        static func + (a: ModelFigures, b: ModelFigures) -> ModelFigures {
            var s = a
            s.pipeline += b.pipeline
            s.opportunities += b.opportunities
            s.revenue += b.revenue
            s.won += b.won
            return s
        }
    }

    /// One row: a campaign, a `direct:<type>` key or a channel.
    public struct Entry: Sendable {
        public enum Kind: Sendable, Equatable { case campaign, direct, channel }
        public var kind: Kind
        /// campaign_id, touch key or channel name.
        public var key: String
        /// The campaign's name (campaigns only).
        public var name: String?
        /// The channel the key counts in (campaigns and direct keys).
        public var channel: String?
        /// Pro-rated cost (campaigns and channels; nil for direct keys, edge case 6).
        public var cost: Double?
        public var touches = 0
        public var influencedOpportunities = 0
        public var influencedPipeline = 0.0
        /// Indexed by `AttributionModel.index`.
        public var models = [ModelFigures](repeating: ModelFigures(), count: AttributionModel.allCases.count)

        public subscript(model: AttributionModel) -> ModelFigures { models[model.index] }

        /// (revenue − cost) / cost; nil without a cost or when it is 0 (kpis.md: a ratio over 0 is null).
        public func roi(_ model: AttributionModel) -> Double? {
            guard let cost, cost != 0 else { return nil }
            return (models[model.index].revenue - cost) / cost
        }

        /// pipeline / cost; nil without a cost or when it is 0.
        public func pipelinePerCost(_ model: AttributionModel) -> Double? {
            guard let cost, cost != 0 else { return nil }
            return models[model.index].pipeline / cost
        }
    }

    /// Opportunities without any credit under one model (edge case 9): counts and Σ amounts.
    public struct Unattributed: Sendable, Equatable {
        public var opportunities = 0
        public var pipeline = 0.0
        public var won = 0
        public var revenue = 0.0
        public init() {}
    }

    public var period: KPIPeriod
    public var tier: Tier?
    public var parameters: AttributionParameters
    /// Every campaign of campaigns.csv, by campaign_id.
    public var campaigns: [Entry]
    /// One per touch type, by touch key.
    public var direct: [Entry]
    /// Every channel, by name.
    public var channels: [Entry]
    /// Indexed by `AttributionModel.index`.
    public var unattributed: [Unattributed]
    /// P(conv) of the period's chain; nil without any journey.
    public var conversionProbability: Double?
    /// Per channel of `channels`, in the same order; nil when P(conv) is 0 or nil.
    public var removalEffects: [Double?]
    /// The check's totals (attribution.md §Figures): the opportunities created in the period (in
    /// the tier) and the won ones closed in it — counts and Σ amounts.
    public var totalOpportunities = 0
    public var totalPipeline = 0.0
    public var totalWon = 0
    public var totalRevenue = 0.0

    public func unattributed(_ model: AttributionModel) -> Unattributed { unattributed[model.index] }

    /// attribution.md §Output; `models` chooses which models the `models` and `unattributed`
    /// objects hold (all by default, the spec's JSON).
    public func json(models: [AttributionModel] = AttributionModel.allCases) -> JSONValue {
        func num(_ x: Double?) -> JSONValue { x.map { .number($0) } ?? .null }
        func figures(_ e: Entry, ratios: Bool) -> JSONValue {
            .object(
                models.map { m in
                    let f = e[m]
                    var pairs: [(String, JSONValue)] = [
                        ("pipeline", .number(f.pipeline)), ("opportunities", .number(f.opportunities)),
                        ("revenue", .number(f.revenue)), ("won", .number(f.won)),
                    ]
                    if ratios { pairs += [("roi", num(e.roi(m))), ("pipeline_per_cost", num(e.pipelinePerCost(m)))] }
                    return (m.rawValue, .object(pairs))
                })
        }
        func common(_ e: Entry) -> [(String, JSONValue)] {
            [
                ("touches", .int(e.touches)), ("influenced_opportunities", .int(e.influencedOpportunities)),
                ("influenced_pipeline", .number(e.influencedPipeline)),
            ]
        }
        let campaignItems = campaigns.map { e -> JSONValue in
            .object(
                [
                    ("campaign_id", .string(e.key)), ("name", .string(e.name ?? "")),
                    ("channel", .string(e.channel ?? "")), ("cost", num(e.cost)),
                ] + common(e) + [("models", figures(e, ratios: true))])
        }
        let directItems = direct.map { e -> JSONValue in
            .object([("touch_key", .string(e.key))] + common(e) + [("models", figures(e, ratios: false))])
        }
        let channelItems = channels.map { e -> JSONValue in
            .object(
                [("channel", .string(e.key)), ("cost", num(e.cost))] + common(e) + [
                    ("models", figures(e, ratios: true))
                ]
            )
        }
        let unattributedObject = JSONValue.object(
            models.map { m in
                let u = unattributed(m)
                return (
                    m.rawValue,
                    .object([
                        ("opportunities", .int(u.opportunities)), ("pipeline", .number(u.pipeline)),
                        ("won", .int(u.won)), ("revenue", .number(u.revenue)),
                    ])
                )
            })
        return .object([
            (
                "period",
                .object([("start", .string(period.start.description)), ("end", .string(period.end.description))])
            ),
            ("tier", tier.map { .int($0.rawValue) } ?? .null),
            ("parameters", parameters.json),
            ("campaigns", .array(campaignItems)),
            ("direct", .array(directItems)),
            ("channels", .array(channelItems)),
            ("unattributed", unattributedObject),
            (
                "markov",
                .object([
                    ("conversion_probability", num(conversionProbability)),
                    (
                        "removal_effects",
                        .object(zip(channels, removalEffects).map { ($0.key, num($1)) })
                    ),
                ])
            ),
        ])
    }
}
