import Foundation
import Hummingbird
import KizashiApp
import KizashiCore
import KizashiStore

/// Target accounts, ICP, scoring settings and KPI targets (目標) over the API. Reads need any
/// role; writes need editor. Every write is one store transaction, then the read model is
/// invalidated so the next page shows it.
enum WorkspaceRoutes {
    static func problem(_ refusal: TargetListService.Refusal) -> ProblemDetails {
        switch refusal {
        case .unknownCompany(let id):
            // 404: the body is well-formed; the company it names does not exist here.
            var p = ProblemDetails.notFound("The company \(id) in this workspace")
            p.extensions.append(("field", .string("company_id")))
            return p
        case .alreadyTarget(let id, let day):
            return ProblemDetails(
                status: .conflict, title: "Already a target",
                detail:
                    "\(id) is already on the target list on \(day); remove it first or change its tier with the same added_on."
            )
        case .notATarget(let id):
            return ProblemDetails.notFound("An active target row for \(id)")
        case .heldOut(let id, let experiment):
            // 409: the account is fine; the running experiment (issue 24 §4) conflicts with it.
            return ProblemDetails(
                status: .conflict, title: "In the holdout of a running experiment",
                detail: L10n.t("experiment.holdout_refused", .en, id, experiment),
                extensions: [("field", .string("override_holdout")), ("experiment", .string(experiment))])
        }
    }

    static func add(to router: Router<KizashiRequestContext>, services: ServerServices) {
        let api = router.group("/api/v1")
        let store = services.store

        // MARK: Target accounts
        api.get("/targets") { _, _ in
            Responses.json(.array(try await store.targets().map(targetJSON)))
        }
        api.post("/targets") { request, context in
            try context.require(.editor)
            let body = try await JSONBody.read(request)
            let companyId = try body.string("company_id")!
            guard let tier = try TierParameter.parse(body.int("tier")) else { throw TierParameter.problem }
            let today = try await services.today()
            var added = today
            if let text = try body.string("added_on", required: false) {
                guard let d = Day(iso: text) else {
                    throw ProblemDetails.badRequest("added_on must be a date YYYY-MM-DD", field: "added_on")
                }
                added = d
            }
            let row: TargetMembership
            do {
                row = try await TargetListService(store: store).add(
                    companyId: companyId, tier: tier, addedOn: added, owner: try body.string("owner", required: false),
                    overrideHoldout: try ExperimentRoutes.flag(body, "override_holdout"))
            } catch let refusal as TargetListService.Refusal {
                throw problem(refusal)
            }
            await services.changed()
            return Responses.json(targetJSON(row), status: .created)
        }
        api.delete("/targets/:company") { request, context in
            try context.require(.editor)
            let companyId = try context.parameters.require("company")
            let updated: TargetMembership
            do {
                updated = try await TargetListService(store: store).remove(
                    companyId: companyId, today: try await services.today())
            } catch let refusal as TargetListService.Refusal {
                throw problem(refusal)
            }
            await services.changed()
            return Responses.json(targetJSON(updated))
        }

        // MARK: ICP
        api.get("/icp") { _, _ in
            guard let icp = try await store.icp() else { return Responses.json(.null) }
            return Responses.text(ICPDocument.encode(icp), contentType: "application/json; charset=utf-8")
        }
        api.put("/icp") { request, context in
            try context.require(.editor)
            let icp = try await decodeICP(request)
            try await store.transaction { tx in try await tx.setICP(icp) }
            await services.changed()
            return Responses.text(ICPDocument.encode(icp), contentType: "application/json; charset=utf-8")
        }
        api.delete("/icp") { _, context in
            try context.require(.editor)
            try await store.transaction { tx in try await tx.setICP(nil) }
            await services.changed()
            return Response(status: .noContent)
        }
        api.post("/icp/preview") { request, context in
            let icp = try await decodeICP(request)
            let (n, companies) = try await services.data.icpMatches(icp, on: try await services.today())
            return Responses.json(.object([("matches", .int(n)), ("companies", .int(companies))]))
        }

        // MARK: Settings
        api.get("/settings") { _, _ in
            let stored = try await store.settings()
            let effective = try WorkspaceSettings.describe(stored)
            return Responses.json(
                .object(
                    effective.map { k, v in
                        (k, .object([("value", .string(v)), ("default", .bool(stored[k] == nil))]))
                    }))
        }
        api.put("/settings/:key") { request, context in
            try context.require(.editor)
            let key = try context.parameters.require("key")
            let value = try await JSONBody.read(request).string("value")!
            let canonical: String
            do {
                canonical = try WorkspaceSettings.validate(key: key, value: value)
            } catch let e as WorkspaceSettings.InvalidSetting {
                throw ProblemDetails.badRequest(e.description, field: key)
            }
            try await store.transaction { tx in try await tx.setSetting(key, to: canonical) }
            await services.changed()
            return Responses.json(.object([(key, .string(canonical))]))
        }
        api.delete("/settings/:key") { request, context in
            try context.require(.editor)
            let key = try context.parameters.require("key")
            guard WorkspaceSettings.keys.contains(where: { $0.key == key }) else {
                throw ProblemDetails.notFound("The setting \(key)")
            }
            try await store.transaction { tx in try await tx.setSetting(key, to: nil) }
            await services.changed()
            return Response(status: .noContent)
        }

        // MARK: KPI targets (goals)
        api.get("/goals") { _, _ in
            Responses.json(.array(try await store.goals().map(goalJSON)))
        }
        api.put("/goals") { request, context in
            try context.require(.editor)
            let goal = try goal(from: try await JSONBody.read(request), needsValue: true)
            try await store.transaction { tx in try await tx.setGoal(goal) }
            await services.changed()
            return Responses.json(goalJSON(goal))
        }
        api.delete("/goals") { request, context in
            try context.require(.editor)
            let goal = try goal(from: try await JSONBody.read(request), needsValue: false)
            try await store.transaction { tx in
                try await tx.removeGoal(kpi: goal.kpi, period: goal.period, tier: goal.tier)
            }
            await services.changed()
            return Response(status: .noContent)
        }
    }

    static func decodeICP(_ request: Request) async throws -> IdealCustomerProfile {
        let buffer = try await request.body.collect(upTo: 1 << 20)
        do {
            return try ICPDocument.decode(Array(buffer.readableBytesView))
        } catch {
            throw ProblemDetails.badRequest("\(error)", field: "icp")
        }
    }

    static func goal(from body: JSONBody, needsValue: Bool) throws -> KPIGoal {
        let kpi = try body.string("kpi")!
        guard KPICatalog.byKey[kpi] != nil else {
            throw ProblemDetails.badRequest("unknown KPI \(kpi) (see kpis.md)", field: "kpi")
        }
        let label = try body.string("period")!
        guard let period = KPIPeriod(label: label) else {
            throw ProblemDetails.badRequest("period \(label): use 2026Q3, 2026-09 or 2026", field: "period")
        }
        let tier = try TierParameter.parse(body.int("tier", required: false))
        let value = needsValue ? try body.number("value") : 0
        // The same bounds as a typed target: a value no page can render as a whole number would stop the server.
        if case .failure(let refusal) = KPITargetInput.check(value, kind: KPICatalog.byKey[kpi]!.kind) {
            throw ProblemDetails.badRequest("value: \(refusal)", field: "value")
        }
        return KPIGoal(kpi: kpi, period: period, tier: tier, value: value)
    }

    static func targetJSON(_ t: TargetMembership) -> JSONValue {
        .object([
            ("company_id", .string(t.companyId)), ("tier", .int(t.tier.rawValue)),
            ("added_on", .string(t.addedOn.description)),
            ("removed_on", t.removedOn.map { .string($0.description) } ?? .null),
            ("owner", t.owner.map { .string($0) } ?? .null),
        ])
    }

    static func goalJSON(_ g: KPIGoal) -> JSONValue {
        .object([
            ("kpi", .string(g.kpi)), ("period", .string(g.period.label)),
            ("tier", g.tier.map { .int($0.rawValue) } ?? .null), ("value", .number(g.value)),
        ])
    }
}
