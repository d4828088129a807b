// How the operator errors are answered by the admin API: through `HTTPErrorRenderer`, the one
// error shape `{"error": {"code", "message"}}`; a refused start adds the located errors.
import RecipeData
import RecipeHTTPCore
import RecipeStore

extension OperatorError: HTTPErrorConvertible {
    /// 404 `not_found`, 409 `refused`, 422 `invalid_recipes`, 500 `store_error`.
    public var httpError: HTTPError {
        switch self {
        case .notFound: HTTPError(status: 404, code: "not_found", message: message)
        case .refused: HTTPError(status: 409, code: "refused", message: message)
        case .invalidRecipes: HTTPError(status: 422, code: "invalid_recipes", message: message)
        case .store: HTTPError(status: 500, code: "store_error", message: message)
        }
    }
}

/// The admin API's error responses.
public enum AdminErrors {
    /// `HTTPErrorRenderer`'s response for `error`; for `invalidRecipes` its error object also
    /// has `"diagnostics": [{"severity", "message", "file", "line", "column", "text"}]`, where
    /// `text` is the line the command line prints (`FILE:LINE:COL: error: MESSAGE`).
    public static func response(for error: any Error) -> HTTPResponse {
        var response = HTTPErrorRenderer.response(for: error)
        guard case .invalidRecipes(_, let errors) = error as? OperatorError,
            case .object(var body)? = try? JSONParser.parseValue(response.body),
            case .object(var object)? = body["error"]
        else { return response }
        object["diagnostics"] = .array(errors.map(json))
        body["error"] = .object(object)
        response.body = JSONValue.object(body).jsonBytes()
        return response
    }

    /// One diagnostic as JSON.
    public static func json(_ diagnostic: Diagnostic) -> JSONValue {
        var object = JSONObject()
        object["severity"] = .string(diagnostic.severity.rawValue)
        object["message"] = .string(diagnostic.message)
        object["file"] = diagnostic.location.map { .string($0.file) } ?? .null
        object["line"] = diagnostic.location.map { .int($0.line) } ?? .null
        object["column"] = diagnostic.location.map { .int($0.column) } ?? .null
        object["text"] = .string(diagnostic.description)
        return .object(object)
    }
}
