// HiBob Workforce Planning reads.
// Follows https://apidocs.hibob.com/docs/explore-workforce-planning,
// https://apidocs.hibob.com/reference/post_positions-position-openings-search and https://apidocs.hibob.com/docs/rate-limit:
// `POST /v1/objects/position/search`
// (≤50 fields, filters by `fieldId`, no pagination, answers a bare array);
// `POST /v1/positions/position-openings/search` (cursor pagination `{"pagination": {"limit",
// "cursor"}}`, limit default 50, max 200, entries under `positionOpeningEntries`,
// `response_metadata.next_cursor`); searches 100/min.
import RecipeData
import RecipeHTTP

extension HiBobAPI {
    static func searchPositions(_ request: HTTPRequest, _ store: HiBobStore) -> HTTPResponse {
        if let limited = limited(store, \.planningWindow) { return limited }
        let body = request.jsonBody ?? [:]
        let fields = body["fields"]?.arrayValue?.compactMap(\.stringValue) ?? HiBobPlanningFields.positionFields
        guard fields.count <= 50 else { return error(400, "badRequest", "At most 50 fields may be requested") }
        let filters = body["filters"]?.arrayValue ?? []
        let human = body["includeHumanReadable"]?.boolValue ?? false
        let entries: [JSONValue] = store.state.withLock { state in
            state.positions.compactMap { position in
                let value = { HiBobPlanningFields.value($0, of: position, openings: state.openings) }
                guard HiBobPlanningFields.matches(filters, value: value) else { return nil }
                return HiBobPlanningFields.entry(fields: fields, humanReadable: human, value: value)
            }
        }
        return .json(.array(entries))
    }

    static func searchOpenings(_ request: HTTPRequest, _ store: HiBobStore) -> HTTPResponse {
        if let limited = limited(store, \.planningWindow) { return limited }
        let body = request.jsonBody ?? [:]
        let fields = body["fields"]?.arrayValue?.compactMap(\.stringValue) ?? HiBobPlanningFields.openingFields
        let filters = body["filters"]?.arrayValue ?? []
        let human = body["includeHumanReadable"]?.boolValue ?? false
        let limit = body["pagination"]?["limit"]?.intValue ?? 50
        guard (1...200).contains(limit) else { return error(400, "badRequest", "pagination.limit must be 1...200") }
        var offset = 0
        if let cursor = body["pagination"]?["cursor"]?.stringValue {
            guard cursor.hasPrefix("o"), let value = Int(cursor.dropFirst()), value >= 0 else {
                return error(400, "badRequest", "Invalid cursor")
            }
            offset = value
        }
        let matching: [JSONValue] = store.state.withLock { state in
            state.openings.compactMap { opening in
                let value = { HiBobPlanningFields.value($0, of: opening) }
                guard HiBobPlanningFields.matches(filters, value: value) else { return nil }
                return HiBobPlanningFields.entry(fields: fields, humanReadable: human, value: value)
            }
        }
        let page = Array(matching.dropFirst(offset).prefix(limit))
        let next: JSONValue = offset + limit < matching.count ? .string("o\(offset + limit)") : .null
        return .json(
            .object([
                ("positionOpeningEntries", .array(page)),
                ("response_metadata", .object([("next_cursor", next)])),
            ]))
    }
}
