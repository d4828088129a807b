/// The secrets of every connection in `connections.example.json`, as tests and fuzz targets put
/// them in the environment; distinctive values, so a leak into a record or message is found.
public enum TestSecrets {
    public static let environment: [String: String] = [
        "HIBOB_SERVICE_USER_ID": "SERVICE-USER-1234", "HIBOB_TOKEN": "hibob-token-5f2e9c",
        "HIBOB_WEBHOOK_SECRET": "hibob-hook-secret-new", "HIBOB_WEBHOOK_SECRET_PREVIOUS": "hibob-hook-secret-old",
        "DOCEBO_CLIENT_ID": "docebo-client", "DOCEBO_CLIENT_SECRET": "docebo-secret-77aa", "DOCEBO_USERNAME": "api.admin",
        "DOCEBO_PASSWORD": "docebo-pass-91bc", "LEARNING360_CLIENT_ID": "l360-client", "LEARNING360_CLIENT_SECRET": "l360-secret-3d4f",
        "GREENHOUSE_API_KEY": "gh-key-0a1b2c3d", "GREENHOUSE_WEBHOOK_SECRET": "gh-hook-secret",
        "RECRUIT_TOKEN": "recruit-token-8e8e", "REACHDESK_TOKEN": "reachdesk-token-6b6b", "HIPEOPLE_API_KEY": "hp-key-1111",
        "HIPEOPLE_API_SECRET": "hp-secret-2222", "HIPEOPLE_WEBHOOK_SECRET": "hp-hook-secret",
    ]
    /// Every test secret, so redaction tests can look for each.
    public static var values: [String] { environment.values.sorted() }
}
