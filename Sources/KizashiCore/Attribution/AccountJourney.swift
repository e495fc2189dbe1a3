/// One account's journeys (issue 21, the account page): the touches before each of its
/// opportunities and each touch's credit under one model — the same touches and credits the
/// report sums (attribution.md §Touches, §Models).
public struct AccountJourney: Sendable {
    public struct Step: Sendable {
        public var touch: Touch
        /// The touch key's text (campaign id or `direct:<type>`).
        public var key: String
        /// The campaign's name, for campaign keys.
        public var campaignName: String?
        public var channel: String
        /// nil when the model gives the opportunity no credit.
        public var credit: Double?
    }

    public struct OpportunityJourney: Sendable {
        public var opportunity: Opportunity
        /// t1 … tn, in journey order.
        public var steps: [Step]
        /// Whether the model gave this opportunity any credit.
        public var credited: Bool
    }

    public var model: AttributionModel
    /// Newest opportunity first.
    public var opportunities: [OpportunityJourney]

    /// - Parameters:
    ///   - activities: the account's activities (at least those within the look-back of each
    ///     opportunity); their account must be this account.
    ///   - removalEffects: channel → RE of the chain the `markov` credits use (a report's
    ///     `markov.removal_effects`); nil values or missing channels give no credit.
    public init(
        opportunities: [Opportunity], activities: [AttributionActivity], campaigns: [Campaign],
        parameters: AttributionParameters, timeZone: WorkspaceTimeZone, model: AttributionModel,
        removalEffects: [String: Double?]
    ) {
        let catalog = TouchCatalog(campaigns: campaigns, touchTypes: parameters.touchTypes)
        let touches = AccountTouches(activities, catalog: catalog, timeZone: timeZone)
        let effects: [Double?] = catalog.channels.map { removalEffects[$0] ?? nil }
        self.model = model
        self.opportunities = opportunities.sorted {
            $0.createdOn != $1.createdOn ? $0.createdOn > $1.createdOn : CodePoints.less($0.id, $1.id)
        }.map { o in
            let list = touches.journey(of: o.companyId, createdOn: o.createdOn, lookbackDays: parameters.lookbackDays)
            let credits = JourneyCredits.credits(
                model, touches: list, createdOn: o.createdOn, halfLifeDays: parameters.halfLifeDays,
                channelOfKey: catalog.channelOfKey, removalEffects: effects)
            let steps = list.enumerated().map { i, t in
                let k = Int(t.key)
                return Step(
                    touch: t, key: catalog.keys[k],
                    campaignName: k < catalog.campaignCount ? catalog.campaigns[k].name : nil,
                    channel: catalog.channels[catalog.channelOfKey[k]], credit: credits?[i])
            }
            return OpportunityJourney(opportunity: o, steps: steps, credited: credits != nil)
        }
    }
}
