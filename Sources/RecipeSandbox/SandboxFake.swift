import RecipeData
import RecipeHTTPCore

/// One vendor fake: answers the vendor's API, can dump its state and start over.
protocol SandboxFake: HTTPHandler {
    /// Users, positions, ... as JSON for `GET /_sandbox/state/<vendor>`.
    func snapshot() -> JSONValue
    /// Back to the generated state, with rate windows and tokens forgotten.
    func reset()
}
