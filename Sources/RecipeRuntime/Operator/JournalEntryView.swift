// How one stored journal entry is shown by `recipes job` and the admin API. The journal row
// is growing (step kind, attempt, status): each new field is added here, once for text and
// once for JSON.
import RecipeData
import RecipeStore

/// Renders `StoredJournalEntry` values as text lines and JSON objects.
public enum JournalEntryView {
    /// The entry as JSON: `sequence`, `at`, `stepPath`, `phase`, `idempotencyKey`, `output`,
    /// `error` (absent values are `null`).
    public static func json(_ stored: StoredJournalEntry) -> JSONValue {
        let entry = stored.entry
        var object = JSONObject()
        object["sequence"] = .int(stored.sequence)
        object["at"] = OperatorJSON.time(entry.at)
        object["stepPath"] = .string(entry.stepPath)
        object["phase"] = .string(entry.phase.rawValue)
        object["idempotencyKey"] = entry.idempotencyKey.map(JSONValue.string) ?? .null
        object["output"] = entry.output ?? .null
        object["error"] = entry.error ?? .null
        return .object(object)
    }

    /// The entry as one line: `3  2026-12-02T12:00:00.123Z  steps[1]  ended  key=…  output {…}`.
    /// Untrusted text is escaped and cut by `DisplayText.line`.
    public static func line(_ stored: StoredJournalEntry) -> String {
        let entry = stored.entry
        var parts = [
            String(stored.sequence), OperatorTime.iso8601(milliseconds: entry.at), entry.stepPath, entry.phase.rawValue,
        ]
        if let key = entry.idempotencyKey { parts.append("key=\(key)") }
        if let output = entry.output { parts.append("output \(output.jsonString())") }
        if let error = entry.error { parts.append("error \(error.jsonString())") }
        return DisplayText.line(parts.joined(separator: "  "))
    }
}
