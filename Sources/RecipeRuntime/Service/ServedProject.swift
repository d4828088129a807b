// What `recipes serve` runs now: the project with its interpreter, webhook intake, delivery
// routing and scheduler, swapped as a whole when a started recipe is pinned to other content
// while the server runs (`recipes start` again, through the CLI or the admin API). A delivery
// and a job each take one snapshot and keep it to their end.
import Foundation
import RecipeEngine
import RecipeIntake
import RecipeModel
import RecipeStore
import Synchronization

/// The project the service runs, replaceable while it runs.
public final class ServedProject: Sendable {
    /// One consistent view: every part built from the same project.
    public struct Snapshot: Sendable {
        public let interpreter: Interpreter
        public let intake: WebhookIntake
        public let routing: DeliveryRouting
        public let scheduler: Scheduler
        public var project: Project { interpreter.project }
    }

    private let current: Mutex<Snapshot>
    private let schedulerSettings: SchedulerSettings
    private let store: any RecipeStore

    init(store: any RecipeStore, interpreter: Interpreter, intake: WebhookIntake, schedulerSettings: SchedulerSettings) {
        self.store = store
        self.schedulerSettings = schedulerSettings
        current = Mutex(Self.snapshot(store: store, interpreter: interpreter, intake: intake, schedulerSettings: schedulerSettings))
    }

    /// The view to use now.
    public var snapshot: Snapshot { current.withLock { $0 } }

    /// Runs `project` from now on (deliveries and jobs already under way keep theirs).
    func replace(with project: Project) -> Snapshot {
        current.withLock { snapshot in
            var interpreter = snapshot.interpreter
            interpreter.project = project
            let intake = WebhookIntake(project: project, verifiers: snapshot.intake.verifiers, bodyLimit: snapshot.intake.bodyLimit)
            snapshot = Self.snapshot(store: store, interpreter: interpreter, intake: intake, schedulerSettings: schedulerSettings)
            return snapshot
        }
    }

    private static func snapshot(
        store: any RecipeStore, interpreter: Interpreter, intake: WebhookIntake, schedulerSettings: SchedulerSettings
    ) -> Snapshot {
        Snapshot(
            interpreter: interpreter, intake: intake,
            routing: DeliveryRouting(
                project: intake.project, schemes: intake.verifiers.mapValues(\.scheme), redactor: interpreter.redactor),
            scheduler: Scheduler(store: store, project: intake.project, settings: schedulerSettings))
    }

    /// Started recipes whose pinned content is not what the served project runs.
    func repinned(_ lifecycles: [String: RecipeLifecycle]) -> [String: String] {
        let project = snapshot.project
        var stale: [String: String] = [:]
        for row in lifecycles.values where row.state == .started {
            guard let hash = row.pinnedContentHash, let id = RecipeID(qualified: row.recipe) else { continue }
            if project.recipes[id]?.contentHash != hash { stale[row.recipe] = hash }
        }
        return stale
    }
}
