import KizashiCore

/// The JSON of a created experiment, the same from the CLI (`--format json`) and the API (201):
/// the experiment and the holdout accounts still on the target list.
public enum CreatedExperimentJSON {
    public static func created(_ c: ExperimentService.Created) -> JSONValue {
        guard case .object(var pairs) = ExperimentRendering.json(c.experiment) else { return .null }
        pairs.append(("holdout_on_target_list", .array(c.holdoutOnTargetList.map { .string($0) })))
        return .object(pairs)
    }
}
