// Workforce Planning changes and the events they imply (docs/vendors/hibob.md).
// ASSUMPTION: approving a position is modelled as `workforcePlanning.position.updated` with
// `fieldUpdatesIds: ["/position/approvalStatus"]` (no approval event exists in the docs).
import Foundation
import RecipeData

extension HiBobStore {
    private func planningEvent(_ type: String, _ data: [(String, JSONValue?)]) -> HiBobEvent {
        HiBobEvent(
            companyID: settings.companyID, type: type, triggeredAt: SandboxDate.hibobTimestamp(clock()),
            data: .object(data))
    }

    /// Creates a position with `openings` openings (all with the position's approval).
    func createPosition(
        name: String, department: String, site: String, approved: Bool, openings: Int
    ) -> (Position, [PositionOpening], [HiBobEvent]) {
        let today = self.today
        let (position, created) = state.withLock { state in
            state.nextPlanningNumber += 1
            let position = Position(
                id: String(480_000_000 + state.nextPlanningNumber), name: name, department: department, site: site,
                effectiveDate: SandboxDate.string(day: today), approved: approved)
            state.positions.append(position)
            var created: [PositionOpening] = []
            for index in 0..<max(1, openings) {
                state.nextPlanningNumber += 1
                let opening = PositionOpening(
                    id: String(490_000_000 + state.nextPlanningNumber), positionID: position.id,
                    name: "\(name) #\(index + 1)", expectedStartDate: SandboxDate.string(day: today + 60),
                    approved: approved)
                state.openings.append(opening)
                created.append(opening)
            }
            return (position, created)
        }
        let events =
            [planningEvent("workforcePlanning.position.created", [("positionId", .string(position.id))])]
            + created.map {
                planningEvent("workforcePlanning.positionOpening.created", [("positionOpeningId", .string($0.id))])
            }
        return (position, created, events)
    }

    /// Marks a position and its openings approved.
    func approvePosition(_ id: String) throws(SandboxError) -> [HiBobEvent] {
        let openingIDs: [String] = try state.withLock { state throws(SandboxError) in
            guard let index = state.positions.firstIndex(where: { $0.id == id }) else { throw .unknownPosition(id) }
            state.positions[index].approved = true
            var changed: [String] = []
            for i in state.openings.indices where state.openings[i].positionID == id && !state.openings[i].approved {
                state.openings[i].approved = true
                changed.append(state.openings[i].id)
            }
            return changed
        }
        return [
            planningEvent(
                "workforcePlanning.position.updated",
                [("positionId", .string(id)), ("fieldUpdatesIds", ["/position/approvalStatus"])])
        ]
            + openingIDs.map {
                planningEvent("workforcePlanning.positionOpening.updated", [("positionOpeningId", .string($0))])
            }
    }

    /// Edits a position: `workforcePlanning.position.updated` with the ids of the fields that
    /// changed in `fieldUpdatesIds`; no event when nothing changed.
    func updatePosition(_ id: String, _ change: (inout Position) -> Void) throws(SandboxError) -> [HiBobEvent] {
        let changed: [String] = try state.withLock { state throws(SandboxError) in
            guard let index = state.positions.firstIndex(where: { $0.id == id }) else { throw .unknownPosition(id) }
            let before = state.positions[index]
            var after = before
            change(&after)
            after.id = id
            state.positions[index] = after
            return HiBobPlanningFields.positionFields.filter {
                HiBobPlanningFields.value($0, of: before, openings: []) != HiBobPlanningFields.value($0, of: after, openings: [])
            }
        }
        guard !changed.isEmpty else { return [] }
        return [
            planningEvent(
                "workforcePlanning.position.updated",
                [("positionId", .string(id)), ("fieldUpdatesIds", .array(changed.map(JSONValue.string)))])
        ]
    }

    func createOpening(
        positionID: String, name: String, expectedStartDate: String?, approved: Bool
    ) throws(SandboxError) -> (PositionOpening, [HiBobEvent]) {
        let opening: PositionOpening = try state.withLock { state throws(SandboxError) in
            guard state.positions.contains(where: { $0.id == positionID }) else { throw .unknownPosition(positionID) }
            state.nextPlanningNumber += 1
            let opening = PositionOpening(
                id: String(490_000_000 + state.nextPlanningNumber), positionID: positionID, name: name,
                expectedStartDate: expectedStartDate, approved: approved)
            state.openings.append(opening)
            return opening
        }
        return (
            opening,
            [planningEvent("workforcePlanning.positionOpening.created", [("positionOpeningId", .string(opening.id))])]
        )
    }

    func updateOpening(_ id: String, _ change: (inout PositionOpening) -> Void) throws(SandboxError) -> [HiBobEvent] {
        try state.withLock { state throws(SandboxError) in
            guard let index = state.openings.firstIndex(where: { $0.id == id }) else { throw .unknownOpening(id) }
            var opening = state.openings[index]
            change(&opening)
            opening.id = id
            state.openings[index] = opening
        }
        return [planningEvent("workforcePlanning.positionOpening.updated", [("positionOpeningId", .string(id))])]
    }

    func deleteOpening(_ id: String) throws(SandboxError) -> [HiBobEvent] {
        try state.withLock { state throws(SandboxError) in
            guard let index = state.openings.firstIndex(where: { $0.id == id }) else { throw .unknownOpening(id) }
            state.openings.remove(at: index)
        }
        return [planningEvent("workforcePlanning.positionOpening.deleted", [("positionOpeningId", .string(id))])]
    }
}
