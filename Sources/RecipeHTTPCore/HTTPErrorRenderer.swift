import RecipeData

/// The one place errors become responses, as an error middleware does: every route's thrown
/// error, and the router's own 404 and 405, are answered with
/// `{"error": {"code": "<code>", "message": "<message>"}}` and the error's headers.
public enum HTTPErrorRenderer {
    /// The response for `error`: its `HTTPError` when it is `HTTPErrorConvertible`, otherwise
    /// a 500 that does not reveal the error's text.
    public static func response(for error: any Error) -> HTTPResponse {
        let httpError = (error as? any HTTPErrorConvertible)?.httpError ?? .internalError
        let body: JSONValue = [
            "error": ["code": .string(httpError.code), "message": .string(httpError.message)]
        ]
        var response = HTTPResponse.json(body, status: httpError.status)
        for (name, value) in httpError.headers { response.headers.set(name, value) }
        return response
    }
}
