/// Grows one regression tree on gradients and hessians, level by level: each level makes one
/// pass over the samples to fill every open node's histogram (gradient, hessian and count per
/// feature and bin), then each node takes its best split or becomes a leaf.
struct TreeGrower {
    let parameters: GBDTParameters
    let binning: FeatureBinning
    let n: Int
    let d: Int
    /// The features splits may use.
    let used: [Int]

    /// A node still to be split: its place in the tree and its totals.
    private struct Open {
        var node: Int
        var g: Double
        var h: Double
        var count: Int
    }

    /// `bins` column-major (feature j of sample i at j·n + i).
    func grow(bins: [UInt8], grad: [Double], hess: [Double], inBag: [Bool]) -> RegressionTree {
        let p = parameters
        let lr = p.learningRate
        let maxBin = 256
        var nodes: [RegressionTree.Node] = []
        // slot[i]: index into `open` of the node sample i is in, −1 once its node is a leaf.
        var slot = [Int32](repeating: -1, count: n)
        var root = Open(node: 0, g: 0, h: 0, count: 0)
        for i in 0..<n where inBag[i] {
            slot[i] = 0
            root.g += grad[i]
            root.h += hess[i]
            root.count += 1
        }
        nodes.append(.leaf(-root.g / (root.h + p.l2) * lr, cover: Double(root.count)))
        var open = [root]
        var depth = 0
        while !open.isEmpty && depth < p.maxDepth {
            // Histograms of every open node: [node][feature][bin] × (g, h, count).
            let stride = d * maxBin
            var hg = [Double](repeating: 0, count: open.count * stride)
            var hh = [Double](repeating: 0, count: open.count * stride)
            var hc = [Int32](repeating: 0, count: open.count * stride)
            bins.withUnsafeBufferPointer { b in
                slot.withUnsafeBufferPointer { s in
                    grad.withUnsafeBufferPointer { g in
                        hess.withUnsafeBufferPointer { h in
                            hg.withUnsafeMutableBufferPointer { hg in
                                hh.withUnsafeMutableBufferPointer { hh in
                                    hc.withUnsafeMutableBufferPointer { hc in
                                        for j in used {
                                            let column = j * n
                                            let offset = j * maxBin
                                            for i in 0..<n where s[i] >= 0 {
                                                let k = Int(s[i]) * stride + offset + Int(b[column + i])
                                                hg[k] += g[i]
                                                hh[k] += h[i]
                                                hc[k] += 1
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            // The best split of each open node.
            var splits: [(feature: Int, bin: Int, gain: Double, left: Open, right: Open)?] = []
            for (a, o) in open.enumerated() {
                var best: (feature: Int, bin: Int, gain: Double, left: Open, right: Open)?
                for j in used {
                    let base = a * stride + j * maxBin
                    var gl = 0.0, hl = 0.0, cl = 0
                    // A split after bin b (b below the last bin): left = bins 0…b.
                    for b in 0..<(binning.binCount(j) - 1) {
                        gl += hg[base + b]
                        hl += hh[base + b]
                        cl += Int(hc[base + b])
                        let cr = o.count - cl
                        guard cl >= max(p.minChildSamples, 1), cr >= max(p.minChildSamples, 1) else { continue }
                        let gr = o.g - gl, hr = o.h - hl
                        let gain = splitGain(gl: gl, hl: hl, gr: gr, hr: hr, l2: p.l2)
                        if gain > 1e-12, gain > (best?.gain ?? 0) {
                            best = (
                                j, b, gain, Open(node: -1, g: gl, h: hl, count: cl),
                                Open(node: -1, g: gr, h: hr, count: cr)
                            )
                        }
                    }
                }
                splits.append(best)
            }
            // Apply them: children become leaves now, and open nodes of the next level.
            var next: [Open] = []
            var childSlot = [(left: Int32, right: Int32)](repeating: (-1, -1), count: open.count)
            for (a, o) in open.enumerated() {
                guard var s = splits[a] else { continue }
                s.left.node = nodes.count
                nodes.append(.leaf(-s.left.g / (s.left.h + p.l2) * lr, cover: Double(s.left.count)))
                s.right.node = nodes.count
                nodes.append(.leaf(-s.right.g / (s.right.h + p.l2) * lr, cover: Double(s.right.count)))
                nodes[o.node] = RegressionTree.Node(
                    feature: s.feature, threshold: binning.cuts[s.feature][s.bin], left: s.left.node,
                    right: s.right.node, value: nodes[o.node].value, cover: Double(o.count), gain: s.gain)
                childSlot[a] = (Int32(next.count), Int32(next.count + 1))
                next.append(s.left)
                next.append(s.right)
            }
            depth += 1
            let last = depth >= p.maxDepth
            for i in 0..<n where slot[i] >= 0 {
                let a = Int(slot[i])
                guard let s = splits[a], !last else {
                    slot[i] = -1
                    continue
                }
                let goesLeft = Int(bins[s.feature * n + i]) <= s.bin
                slot[i] = goesLeft ? childSlot[a].left : childSlot[a].right
            }
            open = last ? [] : next
        }
        return RegressionTree(nodes: nodes)
    }
}
