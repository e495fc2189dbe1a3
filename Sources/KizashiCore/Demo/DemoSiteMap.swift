/// The vendor's website as the activity generator needs it: every URL path once (activities refer
/// to paths by index, so ten million rows share a few dozen strings), each with its topic, and the
/// weighted choices for ordinary visits, content views and topic-focused browsing.
struct DemoSiteMap: Sendable {
    private typealias W = DemoWebVocabulary
    /// Every path: pages, then forms, then ad landing pages (one per topic), then event pages.
    let paths: [String]
    /// Topic index of each path, −1 for none.
    let topicOf: [Int]
    let formRange: Range<Int>
    let landingStart: Int
    let eventRange: Range<Int>
    let visitPick: DemoWeighted
    /// Content pages (content_view), all and per topic.
    let contentPages: [Int]
    let contentByTopic: [[Int]]
    /// Non-content pages per topic (product pages, integrations).
    let pagesByTopic: [[Int]]
    let pricing: Int

    init() {
        var paths = W.pages.map(\.path)
        var topics = W.pages.map { $0.topic ?? -1 }
        let formStart = paths.count
        paths += W.formPaths
        topics += W.formPaths.map { _ in -1 }
        formRange = formStart..<paths.count
        landingStart = paths.count
        paths += W.landingPaths
        topics += W.landingPaths.indices.map { $0 }
        let eventStart = paths.count
        paths += W.eventPaths
        topics += W.eventPaths.map { _ in -1 }
        eventRange = eventStart..<paths.count
        self.paths = paths
        topicOf = topics
        visitPick = DemoWeighted(W.pages.map(\.visitWeight))
        contentPages = W.pages.indices.filter { W.pages[$0].isContent }
        contentByTopic = W.topics.indices.map { t in
            W.pages.indices.filter { W.pages[$0].isContent && W.pages[$0].topic == t }
        }
        pagesByTopic = W.topics.indices.map { t in
            W.pages.indices.filter { !W.pages[$0].isContent && W.pages[$0].topic == t }
        }
        pricing = W.pages.firstIndex { $0.path == "/pricing" }!
    }

    func landing(topic: Int) -> Int { landingStart + topic }

    /// A page about `topic` (product page or content), or its landing page when there is none.
    func topical(_ topic: Int, content: Bool, _ rng: inout DemoRandom) -> Int {
        let list = content ? contentByTopic[topic] : pagesByTopic[topic]
        if !list.isEmpty { return list[rng.below(list.count)] }
        let other = content ? pagesByTopic[topic] : contentByTopic[topic]
        return other.isEmpty ? landing(topic: topic) : other[rng.below(other.count)]
    }
}
