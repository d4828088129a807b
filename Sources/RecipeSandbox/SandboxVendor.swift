/// The vendors the sandbox fakes; the raw value is the path prefix they are mounted under.
public enum SandboxVendor: String, CaseIterable, Sendable {
    case hibob
    case docebo
    case learning360 = "360learning"
    case greenhouse
    case recruit
    case reachdesk
    case hipeople
}
