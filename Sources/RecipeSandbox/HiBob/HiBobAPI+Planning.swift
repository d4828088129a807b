// HiBob Workforce Planning reads.
// Follows docs/vendors/hibob.md: `POST /v1/objects/position/search`
// (≤50 fields, filters by `fieldId`, no pagination, answers a bare array);
// `POST /v1/positions/position-openings/search` (cursor pagination `{"pagination": {"limit",
// "cursor"}}`, limit default 50, max 200, entries under `positionOpeningEntries`,
// `response_metadata.next_cursor`); searches 100/min.
import RecipeData
import RecipeHTTPCore

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
        let limit: Int
        var offset = 0
        do throws(NumberInputError) {
            limit = try body["pagination"]?.number(.hibobOpeningsLimit, absent: 50) ?? 50
            if let cursor = body["pagination"]?["cursor"]?.stringValue {
                guard cursor.hasPrefix("o") else { return error(400, "badRequest", "Invalid cursor") }
                offset = try NumberInput.hibobOpeningsCursor.parse(cursor.dropFirst())
            }
        } catch { return Self.error(400, "badRequest", "pagination." + error.message) }
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
