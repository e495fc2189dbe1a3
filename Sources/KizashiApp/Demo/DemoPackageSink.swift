import Foundation
import KizashiCore

/// Writes what the demo generator streams into a canonical package folder.
struct DemoPackageSink: DemoSink {
    let out: CanonicalPackageWriter

    mutating func companies(_ rows: [Company]) throws { try out.write(rows.map { .company($0) }, as: .companies) }
    mutating func targets(_ rows: [TargetMembership]) throws { try out.write(rows.map { .target($0) }, as: .targets) }
    mutating func contacts(_ rows: [Contact]) throws { try out.write(rows.map { .contact($0) }, as: .contacts) }
    mutating func activities(_ rows: [Activity]) throws { try out.write(rows.map { .activity($0) }, as: .activities) }
    mutating func intent(_ rows: [IntentSignal]) throws { try out.write(rows.map { .intent($0) }, as: .intent) }
    mutating func leadStages(_ rows: [LeadStageTransition]) throws {
        try out.write(rows.map { .leadStage($0) }, as: .leadStages)
    }
    mutating func meetings(_ rows: [Meeting]) throws { try out.write(rows.map { .meeting($0) }, as: .meetings) }
    mutating func opportunities(_ rows: [Opportunity]) throws {
        try out.write(rows.map { .opportunity($0) }, as: .opportunities)
    }
    mutating func contracts(_ rows: [Contract]) throws { try out.write(rows.map { .contract($0) }, as: .contracts) }
    mutating func campaigns(_ rows: [Campaign]) throws { try out.write(rows.map { .campaign($0) }, as: .campaigns) }
}

/// `kizashi demo`: writes a deterministic demo package (and optionally imports it).
public enum DemoPackage {
    /// Writes the package for `scale`/`seed`/`asOf` into `directory`; returns row counts per file.
    @discardableResult
    public static func write(
        scale: DemoScale, seed: UInt64, asOf: Day, to directory: String, timeZone: WorkspaceTimeZone = .tokyo
    )
        throws -> [String: Int]
    {
        let generator = DemoGenerator(scale: scale, seed: seed, asOf: asOf)
        let out = try CanonicalPackageWriter(directory: directory, timeZone: timeZone)
        for e in CanonicalEntity.importOrder { try out.touch(e) }
        var sink = DemoPackageSink(out: out)
        try generator.generate(into: &sink)
        try out.writeICP(generator.icp)
        try out.close()
        return Dictionary(uniqueKeysWithValues: out.rows.map { ($0.key.rawValue, $0.value) })
    }
}
