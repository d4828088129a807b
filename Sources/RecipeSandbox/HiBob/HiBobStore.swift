// State of the HiBob fake: employees, Workforce Planning, rate windows.
// Follows https://apidocs.hibob.com/reference/post_people-identifier and https://apidocs.hibob.com/reference/post_people-search
// (lookup by backend id or e-mail, search
// filters on root.id / root.email only, showInactive default false) and https://apidocs.hibob.com/docs/rate-limit (limits).
import Foundation
import RecipeData
import Synchronization

/// Employees and planning objects behind one lock; the API and the mutation helpers share it.
final class HiBobStore: Sendable {
    struct State {
        var order: [String] = []
        var byID: [String: HiBobEmployee] = [:]
        /// Lowercased e-mail → id.
        var idByEmail: [String: String] = [:]
        var positions: [Position] = []
        var openings: [PositionOpening] = []
        var nextEmployeeNumber = 0
        var nextPlanningNumber = 0
        var random: SeededRandom
        var searchWindow: RateWindow
        var readWindow: RateWindow
        var planningWindow: RateWindow

        func employee(_ identifier: String) -> HiBobEmployee? {
            if let employee = byID[identifier] { return employee }
            return idByEmail[identifier.lowercased()].flatMap { byID[$0] }
        }

        mutating func insert(_ employee: HiBobEmployee) {
            if byID[employee.id] == nil { order.append(employee.id) }
            byID[employee.id] = employee
            idByEmail[employee.email.lowercased()] = employee.id
        }
    }

    let settings: SandboxConfiguration.HiBob
    let clock: @Sendable () -> Date
    let generator: CompanyGenerator
    let state: Mutex<State>

    init(configuration: SandboxConfiguration, generator: CompanyGenerator) {
        self.settings = configuration.hibob
        self.clock = configuration.clock
        self.generator = generator
        self.state = Mutex(Self.initialState(settings: configuration.hibob, generator: generator))
    }

    private static func initialState(settings: SandboxConfiguration.HiBob, generator: CompanyGenerator) -> State {
        let company = generator.makeCompany()
        var state = State(
            random: SeededRandom(seed: generator.seed ^ 0xB0B),
            searchWindow: RateWindow(limit: settings.searchesPerMinute, seconds: 60),
            readWindow: RateWindow(limit: settings.readsPerMinute, seconds: 60),
            planningWindow: RateWindow(limit: settings.planningSearchesPerMinute, seconds: 60))
        state.order.reserveCapacity(company.employees.count)
        state.byID.reserveCapacity(company.employees.count)
        state.idByEmail.reserveCapacity(company.employees.count)
        for employee in company.employees { state.insert(employee) }
        state.positions = company.positions
        state.openings = company.openings
        state.nextEmployeeNumber = company.nextEmployeeNumber
        state.nextPlanningNumber = company.nextPlanningNumber
        return state
    }

    func reset() {
        let fresh = Self.initialState(settings: settings, generator: generator)
        state.withLock { $0 = fresh }
    }

    /// Today as a day number, from the injected clock.
    var today: Int { SandboxDate.day(of: clock()) }

    /// Every employee, in company order (a copy).
    var employees: [HiBobEmployee] {
        state.withLock { state in state.order.compactMap { state.byID[$0] } }
    }

    func employee(_ identifier: String) -> HiBobEmployee? { state.withLock { $0.employee(identifier) } }

    var positions: [Position] { state.withLock { $0.positions } }
    var openings: [PositionOpening] { state.withLock { $0.openings } }

    func snapshot() -> JSONValue {
        let today = self.today
        return state.withLock { state in
            let byID = state.byID
            let lookup: (String) -> HiBobEmployee? = { byID[$0] }
            let employees = state.order.compactMap { state.byID[$0] }.map {
                $0.rendered(fields: nil, humanReadable: nil, today: today, lookup: lookup)
            }
            return .object([
                ("employeeCount", .int(employees.count)), ("employees", .array(employees)),
                ("positions", .array(state.positions.map { HiBobPlanningFields.render($0, openings: state.openings) })),
                ("openings", .array(state.openings.map { HiBobPlanningFields.render($0) })),
            ])
        }
    }
}
