/// Why a mutation helper refused a change.
public enum SandboxError: Error, Equatable, CustomStringConvertible {
    case unknownEmployee(String)
    case duplicateEmail(String)
    case unknownPosition(String)
    case unknownOpening(String)
    case unknownApplication(Int)
    case unknownStage(Int)
    case unknownReferenceCheck(String)

    public var description: String {
        switch self {
        case .unknownEmployee(let id): "no HiBob employee \(id)"
        case .duplicateEmail(let email): "the e-mail \(email) is taken"
        case .unknownPosition(let id): "no position \(id)"
        case .unknownOpening(let id): "no position opening \(id)"
        case .unknownApplication(let id): "no Greenhouse application \(id)"
        case .unknownStage(let id): "no stage \(id) on that job"
        case .unknownReferenceCheck(let id): "no HiPeople reference check \(id)"
        }
    }
}
