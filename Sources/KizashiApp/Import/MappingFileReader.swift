import Foundation
import KizashiCore
import Yams

/// Reads a mapping file (`kizashi import --mapping`, the import page's mapping) into an
/// `ImportMapping`: YAML (JSON is YAML too) parsed by Yams, within limits, since the file comes
/// from outside:
/// - at most `maxBytes` (a hand-written mapping is a few kilobytes);
/// - no anchors or aliases (Yams resolves an alias to the anchored node, so nested aliases — the
///   "billion laughs" — would multiply the tree a walk visits); refused outright;
/// - at most `maxNodes` nodes and `maxDepth` levels.
/// A file Yams cannot read that is nonetheless `header: column` lines (the flat form as the
/// old line parser read it) is still accepted.
public enum MappingFileReader {
    public static let maxBytes = 256 * 1024
    public static let maxNodes = 20_000
    public static let maxDepth = 8

    public static func parse(_ data: Data) throws(ImportMapping.Problem) -> ImportMapping {
        guard data.count <= maxBytes else {
            throw ImportMapping.Problem("the mapping file is larger than \(maxBytes / 1024) KiB")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw ImportMapping.Problem("not UTF-8 text") }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            // The flat form, as the line parser has always read it (e.g. a header holding ": ").
            do { return ImportMapping(single: .init(columns: try HeaderMappingText.parse(data))) } catch {
                throw ImportMapping.Problem("not a YAML or JSON mapping: \(error)")
            }
        }
        guard let node else { return ImportMapping() }
        var budget = maxNodes
        return try ImportMapping(tree: try tree(node, depth: 0, budget: &budget))
    }

    static func tree(_ node: Node, depth: Int, budget: inout Int) throws(ImportMapping.Problem) -> MappingTree {
        budget -= 1
        guard budget >= 0 else { throw ImportMapping.Problem("the mapping has more than \(maxNodes) entries") }
        guard depth <= maxDepth else { throw ImportMapping.Problem("the mapping nests deeper than \(maxDepth) levels") }
        if node.anchor != nil {
            throw ImportMapping.Problem("anchors and aliases (&, *) are not allowed in a mapping file")
        }
        switch node {
        case .scalar(let s): return .scalar(s.string)
        case .alias: throw ImportMapping.Problem("anchors and aliases (&, *) are not allowed in a mapping file")
        case .sequence(let seq):
            var out: [MappingTree] = []
            for item in seq { out.append(try tree(item, depth: depth + 1, budget: &budget)) }
            return .list(out)
        case .mapping(let map):
            var out: [(key: String, value: MappingTree)] = []
            for (k, v) in map {
                guard case .scalar(let key) = try tree(k, depth: depth + 1, budget: &budget) else {
                    throw ImportMapping.Problem("a key must be a single value")
                }
                out.append((key, try tree(v, depth: depth + 1, budget: &budget)))
            }
            return .map(out)
        }
    }
}
