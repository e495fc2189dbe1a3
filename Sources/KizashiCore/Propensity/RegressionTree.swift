/// One tree of a boosted model: binary splits `x[feature] ≤ threshold` (left) down to leaves
/// whose values add to the model's log-odds. Nodes keep their training cover (samples that
/// reached them) — what exact TreeSHAP needs to say what the tree expects when a feature is
/// unknown — and the gain of their split (feature importance, and the tests' hand arithmetic).
public struct RegressionTree: Sendable, Equatable, Codable {
    public struct Node: Sendable, Equatable, Codable {
        /// −1 for a leaf.
        public var feature: Int
        public var threshold: Double
        public var left: Int
        public var right: Int
        /// A leaf's contribution to the log-odds (learning rate applied).
        public var value: Double
        /// Training samples that reached the node.
        public var cover: Double
        /// ½ [G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)] of the split; 0 for a leaf.
        public var gain: Double

        public var isLeaf: Bool { feature < 0 }

        public static func leaf(_ value: Double, cover: Double) -> Node {
            Node(feature: -1, threshold: 0, left: -1, right: -1, value: value, cover: cover, gain: 0)
        }
    }

    /// Node 0 is the root.
    public var nodes: [Node]

    public init(nodes: [Node]) { self.nodes = nodes }

    /// The value of the leaf `x` falls in. Out-of-range child indexes (a corrupt stored tree)
    /// end the walk at the current node instead of trapping.
    public func predict(_ x: [Double]) -> Double {
        var i = 0
        var steps = 0
        while i >= 0 && i < nodes.count && steps <= nodes.count {
            let n = nodes[i]
            guard !n.isLeaf, n.feature < x.count else { return n.value }
            i = x[n.feature] <= n.threshold ? n.left : n.right
            steps += 1
        }
        return 0
    }

    /// The cover-weighted mean leaf value: what the tree predicts when nothing is known.
    public var expectedValue: Double {
        func walk(_ i: Int) -> Double {
            let n = nodes[i]
            if n.isLeaf { return n.value }
            let total = max(n.cover, 1e-300)
            return (nodes[n.left].cover * walk(n.left) + nodes[n.right].cover * walk(n.right)) / total
        }
        return nodes.isEmpty ? 0 : walk(0)
    }

    /// Split gain summed per feature (the "gain" importance).
    public func addGain(to importance: inout [Double]) {
        for n in nodes where !n.isLeaf && n.feature < importance.count { importance[n.feature] += n.gain }
    }
}
