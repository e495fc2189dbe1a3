import Foundation
import KizashiCore
import KizashiStore

/// The IP-range table that resolves anonymous page views to companies: replaced from a CSV
/// (`cidr,company_id`) by `kizashi ip-ranges import` and the Settings page, and asked about one
/// address from Settings. Any bad row rejects the whole file, so the table never holds half of it.
public struct IPRangeService: Sendable {
    public let store: any WorkspaceStore

    /// The largest table file read (a few hundred thousand ranges).
    public static let maxFileBytes = 16 << 20

    public struct Rejected: Error, CustomStringConvertible, Sendable {
        /// `file:line [column] reason`, at most 20.
        public var problems: [String]
        public var description: String { problems.joined(separator: "\n") + "\nNothing was imported." }
    }

    public init(store: any WorkspaceStore) { self.store = store }

    /// Replaces the table with the file's ranges; returns how many.
    public func replace(csv bytes: [UInt8], file: String) async throws -> Int {
        guard bytes.count <= Self.maxFileBytes else {
            throw Rejected(problems: ["\(file): larger than \(Self.maxFileBytes >> 20) MiB"])
        }
        let ranges = try Self.parse(bytes, file: file, companies: try await store.companyIds())
        try await store.replaceIPRanges(ranges)
        return ranges.count
    }

    /// The company whose range holds `address` (the narrowest), nil when none; nil address when
    /// the text is not an IPv4 or IPv6 address.
    public func company(at text: String) async throws -> (address: IPAddress, companyId: String?)? {
        guard text.utf8.count <= 64, let address = IPAddress(text.trimmingASCIIWhitespace()) else { return nil }
        let company = try await store.transaction { tx in try await tx.company(ip: address) }
        return (address, company)
    }

    static func parse(_ bytes: [UInt8], file: String, companies: Set<String>) throws -> [(
        range: IPAddressRange, cidr: String, companyId: String
    )] {
        var tokenizer = CSVTokenizer()
        tokenizer.feed(bytes)
        tokenizer.finish()
        let records = tokenizer.drain()
        func text(_ b: [UInt8]) -> String { String(decoding: b, as: UTF8.self).trimmingASCIIWhitespace() }
        guard
            let header = records.first?.fields.map({
                text($0).lowercased().replacingOccurrences(of: "\u{FEFF}", with: "")
            }),
            let ci = header.firstIndex(of: "cidr"), let co = header.firstIndex(of: "company_id")
        else { throw Rejected(problems: ["\(file): the header must have columns cidr and company_id"]) }
        var ranges: [(range: IPAddressRange, cidr: String, companyId: String)] = []
        var problems: [String] = []
        for r in records.dropFirst() where r.fields.count > max(ci, co) {
            let cidr = text(r.fields[ci]), company = text(r.fields[co])
            guard let range = IPAddressRange(cidr: cidr) else {
                problems.append(
                    "\(file):\(r.line) [cidr] \"\(OutsideText.shown(cidr, limit: 60))\" is not an IPv4 or IPv6 CIDR block"
                )
                continue
            }
            guard companies.contains(company) else {
                problems.append(
                    "\(file):\(r.line) [company_id] unknown company \"\(OutsideText.shown(company, limit: 60))\"")
                continue
            }
            ranges.append((range, cidr, company))
        }
        guard problems.isEmpty else { throw Rejected(problems: Array(problems.prefix(20))) }
        return ranges
    }
}
