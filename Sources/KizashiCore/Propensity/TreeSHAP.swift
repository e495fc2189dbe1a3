/// Exact SHAP values of tree models (Lundberg, Erion & Lee, "Consistent individualized feature
/// attribution for tree ensembles", 2018, Algorithm 2): each feature's share of the difference
/// between the model's log-odds for one account and its expected log-odds, where "a feature is
/// unknown" means following both branches weighted by the training cover. The shares add up
/// exactly: bias + Σ expected values + Σ contributions = the log-odds. This is what turns a
/// boosted model's score into the reasons on the approach-now list.
public enum TreeSHAP {
    private struct PathElement {
        var feature: Int
        var zeroFraction: Double
        var oneFraction: Double
        var weight: Double
    }

    /// Contributions of each feature of `x` to `tree.predict(x) − tree.expectedValue`.
    public static func contributions(_ tree: RegressionTree, _ x: [Double]) -> [Double] {
        var phi = [Double](repeating: 0, count: x.count)
        guard !tree.nodes.isEmpty else { return phi }
        recurse(tree, x, &phi, node: 0, path: [], zero: 1, one: 1, feature: -1, depth: 0)
        return phi
    }

    /// Sum over the trees: the contribution of each feature to `rawScore(x) − expected`.
    public static func contributions(_ model: GradientBoostedTrees, _ x: [Double]) -> [Double] {
        var phi = [Double](repeating: 0, count: x.count)
        for t in model.trees {
            for (j, v) in contributions(t, x).enumerated() { phi[j] += v }
        }
        return phi
    }

    /// The model's log-odds when no feature is known: bias + Σ expected values.
    public static func expectedValue(_ model: GradientBoostedTrees) -> Double {
        model.trees.reduce(model.bias) { $0 + $1.expectedValue }
    }

    private static func recurse(
        _ tree: RegressionTree, _ x: [Double], _ phi: inout [Double], node: Int, path parent: [PathElement],
        zero: Double, one: Double, feature: Int, depth: Int
    ) {
        // Guard against a corrupt stored tree (a cycle or an index out of range).
        guard node >= 0, node < tree.nodes.count, depth <= tree.nodes.count else { return }
        var path = parent
        extend(&path, zero: zero, one: one, feature: feature)
        let n = tree.nodes[node]
        if n.isLeaf || n.feature >= x.count {
            let last = path.count - 1
            if last >= 1 {
                for i in 1...last {
                    let w = unwoundSum(path, i)
                    let e = path[i]
                    phi[e.feature] += w * (e.oneFraction - e.zeroFraction) * n.value
                }
            }
            return
        }
        let goesLeft = x[n.feature] <= n.threshold
        let hot = goesLeft ? n.left : n.right
        let cold = goesLeft ? n.right : n.left
        guard hot >= 0, hot < tree.nodes.count, cold >= 0, cold < tree.nodes.count, n.cover > 0 else { return }
        var incomingZero = 1.0, incomingOne = 1.0
        // A feature split on earlier in the path: undo that split and redo it here.
        if let k = path.firstIndex(where: { $0.feature == n.feature }) {
            incomingZero = path[k].zeroFraction
            incomingOne = path[k].oneFraction
            unwind(&path, k)
        }
        let hotZero = tree.nodes[hot].cover / n.cover
        let coldZero = tree.nodes[cold].cover / n.cover
        recurse(
            tree, x, &phi, node: hot, path: path, zero: hotZero * incomingZero, one: incomingOne,
            feature: n.feature, depth: depth + 1)
        recurse(
            tree, x, &phi, node: cold, path: path, zero: coldZero * incomingZero, one: 0, feature: n.feature,
            depth: depth + 1)
    }

    private static func extend(_ m: inout [PathElement], zero: Double, one: Double, feature: Int) {
        let l = m.count
        m.append(PathElement(feature: feature, zeroFraction: zero, oneFraction: one, weight: l == 0 ? 1 : 0))
        var i = l - 1
        while i >= 0 {
            m[i + 1].weight += one * m[i].weight * Double(i + 1) / Double(l + 1)
            m[i].weight = zero * m[i].weight * Double(l - i) / Double(l + 1)
            i -= 1
        }
    }

    private static func unwind(_ m: inout [PathElement], _ index: Int) {
        let l = m.count - 1
        let one = m[index].oneFraction, zero = m[index].zeroFraction
        var next = m[l].weight
        var i = l - 1
        while i >= 0 {
            if one != 0 {
                let t = m[i].weight
                m[i].weight = next * Double(l + 1) / (Double(i + 1) * one)
                next = t - m[i].weight * zero * Double(l - i) / Double(l + 1)
            } else {
                m[i].weight = m[i].weight * Double(l + 1) / (zero * Double(l - i))
            }
            i -= 1
        }
        for j in index..<l {
            m[j].feature = m[j + 1].feature
            m[j].zeroFraction = m[j + 1].zeroFraction
            m[j].oneFraction = m[j + 1].oneFraction
        }
        m.removeLast()
    }

    private static func unwoundSum(_ m: [PathElement], _ index: Int) -> Double {
        let l = m.count - 1
        let one = m[index].oneFraction, zero = m[index].zeroFraction
        var next = m[l].weight
        var total = 0.0
        var i = l - 1
        if one != 0 {
            while i >= 0 {
                let t = next / (Double(i + 1) * one)
                total += t
                next = m[i].weight - t * zero * Double(l - i)
                i -= 1
            }
        } else {
            while i >= 0 {
                total += m[i].weight / (zero * Double(l - i))
                i -= 1
            }
        }
        return total * Double(l + 1)
    }
}
