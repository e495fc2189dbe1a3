/// An activity the pipeline requires at a precise moment (the form fill behind an MQL, a tier-1
/// decision maker attending an event), slotted into the activity stream on its day.
struct DemoScriptedActivity: Sendable {
    var day: Int
    var secondsOfDay: Int
    var account: Int
    var contact: Int
    var type: ActivityType
    /// Index into `DemoSiteMap.paths`.
    var path: Int
    var topic: Int
    var campaign: Int
}
