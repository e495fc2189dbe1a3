/// Where `DemoGenerator` delivers its rows. The generator calls the methods in import order
/// (companies, targets, contacts, campaigns, then activities and intent in chunks, then the
/// pipeline entities), so a sink can write each entity straight to a store or a CSV file and the
/// largest workspace never has to sit in memory. Every method may be called several times; each
/// call carries at most `DemoGenerator.chunkSize` rows.
public protocol DemoSink {
    mutating func companies(_ rows: [Company]) throws
    mutating func targets(_ rows: [TargetMembership]) throws
    mutating func contacts(_ rows: [Contact]) throws
    mutating func activities(_ rows: [Activity]) throws
    mutating func intent(_ rows: [IntentSignal]) throws
    mutating func leadStages(_ rows: [LeadStageTransition]) throws
    mutating func meetings(_ rows: [Meeting]) throws
    mutating func opportunities(_ rows: [Opportunity]) throws
    mutating func contracts(_ rows: [Contract]) throws
    mutating func campaigns(_ rows: [Campaign]) throws
}

/// A sink that keeps every row: for tests and for small demos loaded in one go.
public struct DemoCollector: DemoSink, Sendable {
    public var companies: [Company] = []
    public var targets: [TargetMembership] = []
    public var contacts: [Contact] = []
    public var activities: [Activity] = []
    public var intent: [IntentSignal] = []
    public var leadStages: [LeadStageTransition] = []
    public var meetings: [Meeting] = []
    public var opportunities: [Opportunity] = []
    public var contracts: [Contract] = []
    public var campaigns: [Campaign] = []

    public init() {}

    public mutating func companies(_ rows: [Company]) { companies += rows }
    public mutating func targets(_ rows: [TargetMembership]) { targets += rows }
    public mutating func contacts(_ rows: [Contact]) { contacts += rows }
    public mutating func activities(_ rows: [Activity]) { activities += rows }
    public mutating func intent(_ rows: [IntentSignal]) { intent += rows }
    public mutating func leadStages(_ rows: [LeadStageTransition]) { leadStages += rows }
    public mutating func meetings(_ rows: [Meeting]) { meetings += rows }
    public mutating func opportunities(_ rows: [Opportunity]) { opportunities += rows }
    public mutating func contracts(_ rows: [Contract]) { contracts += rows }
    public mutating func campaigns(_ rows: [Campaign]) { campaigns += rows }
}
