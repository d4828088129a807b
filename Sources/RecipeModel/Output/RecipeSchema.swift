import RecipeData

/// The JSON Schema (draft 2020-12) of recipe files, printed by `recipes schema` and committed
/// as `docs/recipe.schema.json` so editors autocomplete and check recipes. Field lists come
/// from the decoder's own tables, so the schema cannot drift from what `validate` accepts.
public enum RecipeSchema {
    public static let identifier = "https://recipe-engine.dev/schema/recipe-v1.json"

    public static var document: JSONValue {
        [
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": .string(identifier),
            "title": "RecipeEngine recipe (format version 1)",
            "type": "object",
            "additionalProperties": false,
            "required": ["name", "trigger", "steps"],
            "properties": .object(
                properties([
                    ("$schema", ["type": "string", "description": "Path or URL of this schema, for editors."]),
                    ("version", ["const": .int(Recipe.formatVersion), "description": "Recipe format version (default 1)."]),
                    ("name", ["type": "string", "minLength": 1, "description": "Human title shown in job lists."]),
                    ("description", ["type": "string"]),
                    ("trigger", ref("trigger")),
                    ("steps", ref("steps")),
                    ("onError", ["$ref": "#/$defs/steps", "description": "Steps run when a job fails; they can read `error`."]),
                ])),
            "$defs": .object(definitions),
        ]
    }

    private static var definitions: JSONObject {
        var defs = JSONObject()
        defs["template"] = [
            "description": "Any JSON value; strings may contain {{ expression }} templates.",
        ]
        defs["expression"] = [
            "type": "string", "minLength": 1,
            "description": "An expression, bare or wrapped in {{ }}: trigger.type == 'employee.updated'",
        ]
        defs["duration"] = ["type": "string", "pattern": "^[0-9]+(ms|s|m|h|d)$"]
        defs["identifier"] = ["type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9_]*$"]
        defs["steps"] = ["type": "array", "items": ref("step")]
        defs["trigger"] = [
            "type": "object", "minProperties": 1, "maxProperties": 1, "additionalProperties": false,
            "properties": .object(
                properties([
                    ("webhook", closed(["connection", "events"], [
                        ("connection", ["type": "string", "minLength": 1]),
                        ("events", ["type": "array", "minItems": 1, "items": ["type": "string"]]),
                        ("filter", ref("expression")),
                        ("debounce", ref("duration")),
                        ("key", ref("expression")),
                    ])),
                    ("schedule", closed(["cron"], [
                        ("cron", ["type": "string", "description": "5-field cron or @daily, @hourly..."]),
                        ("timeZone", ["type": "string", "description": "IANA time zone, default UTC"]),
                        ("runOnStart", ["type": "boolean"]),
                    ])),
                    ("function", closed([], [
                        ("parameters", ref("parameters")),
                        ("result", ref("parameters")),
                    ])),
                    ("manual", closed([], [])),
                ])),
        ]
        defs["parameters"] = [
            "type": "object",
            "additionalProperties": [
                "oneOf": [
                    ref("valueType"),
                    closed(["type"], [
                        ("type", ref("valueType")), ("required", ["type": "boolean"]), ("default", [:]),
                        ("description", ["type": "string"]),
                    ]),
                ]
            ],
        ]
        defs["valueType"] = ["enum": .array(ValueType.allCases.map { .string($0.rawValue) })]
        defs["retry"] = closed(["retries"], [
            ("retries", ["type": "integer", "minimum": 0, "maximum": .int(RetryPolicy.maxRetries)]),
            ("delay", ref("duration")), ("maxDelay", ref("duration")),
            ("backoff", ["enum": .array(RetryPolicy.Backoff.allCases.map { .string($0.rawValue) })]),
        ])
        defs["assignments"] = ["type": "object", "additionalProperties": ref("template")]
        defs["step"] = ["oneOf": .array(StepKind.keywords.map { ref("\($0)Step") })]
        for keyword in StepKind.keywords { defs["\(keyword)Step"] = stepSchema(keyword) }
        return defs
    }

    private static func stepSchema(_ keyword: String) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("id", ref("identifier")), ("description", ["type": "string"]), ("retry", ref("retry")),
            ("onError", ref("steps")),
        ]
        switch keyword {
        case "action":
            fields += [("action", ["type": "string"]), ("connection", ["type": "string"]), ("input", ref("template"))]
        case "call":
            fields += [("call", ["type": "string"]), ("input", ref("assignments")), ("async", ["type": "boolean"])]
        case "if":
            fields += [("if", ref("expression")), ("then", ref("steps")), ("else", ref("steps"))]
        case "foreach":
            fields += [
                ("foreach", ref("expression")), ("as", ref("identifier")), ("index", ref("identifier")),
                ("steps", ref("steps")),
            ]
        case "set": fields.append(("set", ref("assignments")))
        case "stop":
            fields.append(("stop", closed([], [("status", ["enum": ["succeeded", "failed", "skipped"]]), ("message", ref("template"))])))
        case "return": fields.append(("return", ref("template")))
        case "try": fields += [("try", ref("steps")), ("catch", ref("steps"))]
        case "notify":
            fields.append(("notify", closed(["to", "subject"], [("to", ref("template")), ("subject", ref("template")), ("body", ref("template"))])))
        default: break
        }
        let required: [String] = ["id", keyword] + (keyword == "action" ? ["connection"] : []) + (keyword == "if" ? ["then"] : [])
            + (keyword == "foreach" ? ["steps"] : [])
        let allowed = Set(RecipeDecoder.commonStepFields + [keyword] + (RecipeDecoder.stepKindFields[keyword] ?? []))
        precondition(allowed == Set(fields.map(\.0)), "schema of '\(keyword)' steps drifted from the decoder")
        return closed(required, fields)
    }

    private static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/$defs/\(name)")] }

    private static func properties(_ fields: [(String, JSONValue)]) -> JSONObject {
        var object = JSONObject(minimumCapacity: fields.count)
        for (key, value) in fields { object[key] = value }
        return object
    }

    private static func closed(_ required: [String], _ fields: [(String, JSONValue)]) -> JSONValue {
        var object: JSONObject = ["type": "object", "additionalProperties": false]
        if !required.isEmpty { object["required"] = .array(required.map(JSONValue.string)) }
        object["properties"] = .object(properties(fields))
        return .object(object)
    }
}
