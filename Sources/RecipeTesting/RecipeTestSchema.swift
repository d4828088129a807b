import RecipeData
import RecipeEngine

/// The JSON Schema (draft 2020-12) of test case files, printed by `recipes test --schema` and
/// committed as `docs/recipe-test.schema.json`. Field lists come from `TestCaseDecoder`'s
/// tables (checked below), so the schema cannot drift from what `recipes test` accepts.
public enum RecipeTestSchema {
    public static let identifier = "https://recipe-engine.dev/schema/recipe-test-v1.json"

    public static var document: JSONValue {
        [
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": .string(identifier),
            "title": "RecipeEngine test case (recipes/<folder>/tests/<name>.json)",
            "description": "A job to run with mocked connectors, and what must be true of it. See docs/recipe-tests.md.",
            "type": "object",
            "additionalProperties": false,
            "required": ["recipe", "expect"],
            "properties": closedProperties(TestCaseDecoder.caseFields, [
                ("$schema", ["type": "string", "description": "Path or URL of this schema, for editors."]),
                ("description", ["type": "string", "description": "What the case checks."]),
                ("recipe", ["type": "string", "minLength": 1, "description": "The recipe to run: a name in this folder, or folder/name."]),
                ("trigger", document("The trigger payload (webhook body, or a function recipe's input); default {}.")),
                ("mocks", [
                    "description": "Connector answers, in the format of `recipes run --mocks`, or a path to such a file.",
                    "oneOf": [ref("mocks"), ["type": "string", "minLength": 1]],
                ]),
                ("now", ["type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$",
                         "description": "Where the job's clock starts (default 2025-01-01T00:00:00.000Z); retry waits pass instantly."]),
                ("tables", [
                    "type": "object",
                    "description": "Lookup tables replacing the project's tables of the same name for this case: an array of row objects, or {columns, rows}.",
                    "additionalProperties": ["oneOf": [["type": "array", "items": ["type": "object"]], ["type": "object", "required": ["columns", "rows"]]]],
                ]),
                ("expect", ref("expect")),
            ]),
            "$defs": .object(definitions),
        ]
    }

    private static var definitions: JSONObject {
        var defs = JSONObject()
        defs["expect"] = closed(["status"], TestCaseDecoder.expectFields, [
            ("status", ["enum": .array(TestCaseDecoder.jobStatuses.map { .string($0.rawValue) })]),
            ("result", ["description": "Subset match of the job's result: objects may leave members out; arrays match item by item."]),
            ("message", ["type": "string", "description": "Text the job's stop message contains."]),
            ("error", closed([], TestCaseDecoder.errorFields, [
                ("type", ["enum": .array(JobErrorType.allCases.map { .string($0.rawValue) })]),
                ("message", ["type": "string", "description": "Text the error message contains."]),
                ("step", ["type": "string", "minLength": 1, "description": "The id of the step that failed."]),
            ])),
            ("actions", ["type": "array", "items": ref("action"), "description": "Every action called, in order; a step's retries are one call."]),
            ("mails", ["type": "array", "items": ref("mail"), "description": "Every e-mail sent, in order."]),
            ("steps", [
                "type": "object", "description": "Steps by name: 'step' of the case's recipe, or 'recipe#step' of a called one.",
                "additionalProperties": closed([], TestCaseDecoder.stepFields, [
                    ("status", ["enum": .array(TestCaseDecoder.stepStatuses.map { .string($0.rawValue) })]),
                    ("output", ["description": "Subset match of the step's output."]),
                ]),
            ]),
        ])
        defs["action"] = closed(["action"], TestCaseDecoder.actionFields, [
            ("action", ["type": "string", "pattern": "^[^.]+\\.[^.]+$", "description": "connection.action, e.g. docebo.update_user"]),
            ("input", ["description": "Subset match of the input the connector received."]),
            ("attempts", ["type": "integer", "minimum": 1, "maximum": 100]),
        ])
        defs["mail"] = closed([], TestCaseDecoder.mailFields, [
            ("to", ["type": "string", "description": "The recipient, exactly."]),
            ("subject", ["type": "string", "description": "Text the subject contains."]),
            ("body", ["type": "string", "description": "Text the body contains."]),
        ])
        defs["mocks"] = [
            "type": "object",
            "description": "connection → action → a response, or a list used one per call (the last repeats).",
            "additionalProperties": [
                "type": "object",
                "additionalProperties": ["oneOf": [ref("mockResponse"), ["type": "array", "minItems": 1, "items": ref("mockResponse")]]],
            ],
        ]
        defs["mockResponse"] = [
            "oneOf": [
                closed(["output"], ["output"], [("output", ["description": "The action's result."])]),
                closed(["error"], ["error"], [("error", ref("mockError"))]),
            ]
        ]
        precondition(Set(TestCaseDecoder.mockResponseFields) == ["output", "error"], "mock responses drifted from the decoder")
        defs["mockError"] = closed([], TestCaseDecoder.mockErrorFields, [
            ("status", ["type": "integer", "minimum": 100, "maximum": 599]),
            ("message", ["type": "string"]),
            ("retryAfter", ["type": "number", "minimum": 0, "description": "Seconds the vendor asks to wait."]),
            ("kind", ["enum": .array(TestCaseDecoder.mockErrorKinds.map(JSONValue.string))]),
            ("details", ["description": "The vendor's error body, for the trace."]),
        ])
        return defs
    }

    private static func document(_ description: String) -> JSONValue {
        ["description": .string(description), "oneOf": [["type": "object"], ["type": "string", "minLength": 1]]]
    }

    private static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/$defs/\(name)")] }

    /// The properties object of `fields`, which must be exactly the decoder's `allowed` list.
    private static func closedProperties(_ allowed: [String], _ fields: [(String, JSONValue)]) -> JSONValue {
        precondition(Set(allowed) == Set(fields.map(\.0)), "the test case schema drifted from the decoder: \(allowed)")
        var object = JSONObject(minimumCapacity: fields.count)
        for (key, value) in fields { object[key] = value }
        return .object(object)
    }

    private static func closed(_ required: [String], _ allowed: [String], _ fields: [(String, JSONValue)]) -> JSONValue {
        var object: JSONObject = ["type": "object", "additionalProperties": false]
        if !required.isEmpty { object["required"] = .array(required.map(JSONValue.string)) }
        object["properties"] = closedProperties(allowed, fields)
        return .object(object)
    }
}
