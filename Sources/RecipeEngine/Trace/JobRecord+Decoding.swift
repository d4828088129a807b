// Job records read back from their JSON (`jsonValue`), as the store and `recipes job` will:
// every field `jsonValue` writes comes back equal, except `JobError.retryAfter`, which only
// matters to the run that met it. A record that does not have the shape is an error naming the
// field, never a partial record.
import Foundation
import RecipeData

/// Why JSON is not a job record: the path of the bad member and what was wrong.
public struct JobRecordFormatError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var problem: String
    public var description: String { "\(path): \(problem)" }
}

/// Reads the members of one JSON object, naming the object's path in errors.
private struct RecordReader {
    let object: JSONObject
    let path: String

    init(_ value: JSONValue, at path: String) throws(JobRecordFormatError) {
        guard case .object(let object) = value else { throw JobRecordFormatError(path: path, problem: "must be an object") }
        self.object = object
        self.path = path
    }

    func fail(_ key: String, _ problem: String) -> JobRecordFormatError { JobRecordFormatError(path: "\(path).\(key)", problem: problem) }

    func string(_ key: String) throws(JobRecordFormatError) -> String {
        guard let text = object[key]?.stringValue else { throw fail(key, "must be a string") }
        return text
    }

    func optionalString(_ key: String) throws(JobRecordFormatError) -> String? {
        guard let value = object[key], !value.isNull else { return nil }
        return try string(key)
    }

    func date(_ key: String) throws(JobRecordFormatError) -> Date {
        guard let date = Timestamp.date(iso8601: try string(key)) else { throw fail(key, "must be a timestamp like 2026-11-23T18:46:34.120Z") }
        return date
    }

    func raw<T: RawRepresentable<String>>(_ key: String, as type: T.Type) throws(JobRecordFormatError) -> T {
        let text = try string(key)
        guard let value = T(rawValue: text) else { throw fail(key, "'\(text)' is not a known value") }
        return value
    }

    func int(_ key: String) throws(JobRecordFormatError) -> Int? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let number = value.intValue else { throw fail(key, "must be an integer") }
        return number
    }

    func milliseconds(_ key: String) throws(JobRecordFormatError) -> Duration {
        guard let value = object[key]?.doubleValue, value >= 0 else { throw fail(key, "must be a number of milliseconds, 0 or more") }
        return Duration(clampingSeconds: value / 1000, maximum: .saturation)
    }

    func array(_ key: String) throws(JobRecordFormatError) -> [JSONValue] {
        guard let value = object[key], !value.isNull else { return [] }
        guard let items = value.arrayValue else { throw fail(key, "must be an array") }
        return items
    }
}

extension JobRecord {
    /// The record `jsonValue` wrote.
    public init(json: JSONValue, path: String = "job") throws(JobRecordFormatError) {
        let reader = try RecordReader(json, at: path)
        var steps: [StepRecord] = []
        for (index, step) in try reader.array("steps").enumerated() { steps.append(try StepRecord(json: step, path: "\(path).steps[\(index)]")) }
        var children: [JobRecord] = []
        for (index, child) in try reader.array("children").enumerated() {
            children.append(try JobRecord(json: child, path: "\(path).children[\(index)]"))
        }
        self.init(
            id: try reader.string("id"), recipe: try reader.string("recipe"), parentID: try reader.optionalString("parentId"),
            trigger: reader.object["trigger"] ?? .null, status: try reader.raw("status", as: JobStatus.self),
            result: reader.object["result"] ?? .null, message: try reader.optionalString("message"),
            error: try reader.object["error"].flatMap { $0.isNull ? nil : $0 }.map { v throws(JobRecordFormatError) in try JobError(json: v, path: "\(path).error") },
            startedAt: try reader.date("startedAt"), finishedAt: try reader.date("finishedAt"), steps: steps,
            children: children, contentHash: try reader.optionalString("contentHash"))
    }
}

extension StepRecord {
    /// The record `jsonValue` wrote.
    public init(json: JSONValue, path: String = "step") throws(JobRecordFormatError) {
        let reader = try RecordReader(json, at: path)
        guard let stepPath = StepPath(parsing: try reader.string("path")) else { throw reader.fail("path", "is not a step path") }
        self.init(
            path: stepPath, recipe: try reader.string("recipe"), step: try reader.string("step"),
            kind: try reader.raw("kind", as: StepRecordKind.self), status: try reader.raw("status", as: StepStatus.self),
            input: reader.object["input"], output: reader.object["output"],
            error: try reader.object["error"].map { v throws(JobRecordFormatError) in try JobError(json: v, path: "\(path).error") },
            attempts: try reader.int("attempts") ?? 1, requests: try reader.array("requests"), startedAt: try reader.date("startedAt"),
            duration: try reader.milliseconds("durationMs"))
    }
}

extension JobError {
    /// The error `jsonValue` wrote (`retryAfter` is not kept).
    public init(json: JSONValue, path: String = "error") throws(JobRecordFormatError) {
        let reader = try RecordReader(json, at: path)
        var location: SourceLocation?
        if let text = try reader.optionalString("location") {
            guard let parsed = SourceLocation(parsing: text) else { throw reader.fail("location", "must be file:line:column") }
            location = parsed
        }
        guard case .bool(let retryable)? = reader.object["retryable"] else { throw reader.fail("retryable", "must be true or false") }
        self.init(
            type: try reader.raw("type", as: JobErrorType.self), message: try reader.string("message"),
            recipe: try reader.optionalString("recipe"), step: try reader.optionalString("step"), location: location,
            status: try reader.int("status"), retryable: retryable, details: reader.object["details"])
    }
}

extension SourceLocation {
    /// `file:line:column` (the file may itself hold colons).
    init?(parsing text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 3, let line = Int(parts[parts.count - 2]), let column = Int(parts[parts.count - 1]), line > 0, column > 0 else {
            return nil
        }
        self.init(file: parts.dropLast(2).joined(separator: ":"), line: line, column: column)
    }
}
