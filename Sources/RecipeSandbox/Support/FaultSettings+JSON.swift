// `POST /_sandbox/faults` reads its settings here, every number through `NumberInput` with the
// named limits below, and `GET /_sandbox/faults` writes them back.
import RecipeData

extension FaultSettings {
    /// The most `latencyMs` a vendor may add to every request: a minute.
    public static let maxLatencyMilliseconds = 60_000
    /// The most `stallMs` a stalled request may wait: five minutes, past any client timeout
    /// worth testing.
    public static let maxStallMilliseconds = 300_000
    /// The most requests `dropNext`, `stallNext` or one `forced` entry's `count` may cover.
    public static let maxCount = 1_000_000

    static let latencyInput = NumberInput("latencyMs", 0...maxLatencyMilliseconds)
    static let stallInput = NumberInput("stallMs", 0...maxStallMilliseconds)
    static let dropNextInput = NumberInput("dropNext", 0...maxCount)
    static let stallNextInput = NumberInput("stallNext", 0...maxCount)

    /// Reads `{"errorRate", "throttleRate", "latencyMs", "forced": [{"status", "count", "retryAfter"}],
    /// "dropRate", "dropNext", "stallNext", "stallMs"}`; a missing member keeps its default.
    /// Throws for a rate outside 0...1 or a number outside its named range.
    init(json: JSONValue) throws(NumberInputError) {
        self.init()
        if let rate = json["errorRate"], rate != .null { errorRate = try NumberInput.probability("errorRate", rate) }
        if let rate = json["dropRate"], rate != .null { dropRate = try NumberInput.probability("dropRate", rate) }
        if let rate = json["throttleRate"], rate != .null { throttleRate = try NumberInput.probability("throttleRate", rate) }
        latencyMilliseconds = try json.number(Self.latencyInput, absent: 0)
        dropNext = try json.number(Self.dropNextInput, absent: 0)
        stallNext = try json.number(Self.stallNextInput, absent: 0)
        stallMilliseconds = try json.number(Self.stallInput, absent: 0)
        guard let entries = json["forced"], entries != .null else { return }
        guard let array = entries.arrayValue else { throw .notAnInteger(name: "forced", text: entries.jsonString()) }
        for entry in array {
            guard case .object = entry else { throw .notAnInteger(name: "forced", text: entry.jsonString()) }
            forced.append(try ForcedStatus(json: entry))
        }
    }

    var json: JSONValue {
        .object([
            ("errorRate", .double(errorRate)), ("throttleRate", .double(throttleRate)), ("latencyMs", .int(latencyMilliseconds)),
            ("dropRate", .double(dropRate)), ("dropNext", .int(dropNext)),
            ("stallNext", .int(stallNext)), ("stallMs", .int(stallMilliseconds)),
            (
                "forced",
                .array(
                    forced.map {
                        .object([
                            ("status", .int($0.status)), ("count", .int($0.count)),
                            ("retryAfter", $0.retryAfter.map(JSONValue.int)),
                        ])
                    })
            ),
        ])
    }
}

extension ForcedStatus {
    /// The statuses a fault may force: client and server errors. An injected answer carries a
    /// JSON error body, which 1xx, 204 and 304 cannot carry, and a 2xx or 3xx would present
    /// that body as the vendor's success; anything past 599 is no HTTP status at all.
    public static let statuses = 400...599
    /// `Retry-After` seconds a forced answer may carry: any whole number from 0, so clients'
    /// own caps on a vendor's wait can be tested with absurd values.
    public static let retryAfterSeconds = 0...Int.max

    static let statusInput = NumberInput("status", statuses)
    static let countInput = NumberInput("count", 1...FaultSettings.maxCount)
    static let retryAfterInput = NumberInput("retryAfter", retryAfterSeconds)

    /// Reads `{"status", "count"?, "retryAfter"?}` (`count` defaults to 1).
    init(json: JSONValue) throws(NumberInputError) {
        guard let status = json["status"] else { throw .notAnInteger(name: "status", text: "(missing)") }
        var retryAfter: Int?
        if let value = json["retryAfter"], value != .null { retryAfter = try Self.retryAfterInput.parse(value) }
        self.init(
            status: try Self.statusInput.parse(status), count: try json.number(Self.countInput, absent: 1),
            retryAfter: retryAfter)
    }
}
