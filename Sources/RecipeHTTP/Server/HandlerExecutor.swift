import Dispatch

/// Where request handlers run: a Dispatch queue of the server's own instead of the shared
/// Swift concurrency pool. That pool has one thread per core; if jobs, or any code that blocks,
/// occupy all of them, handlers would wait, and webhook senders would time out. With this task
/// executor preference (SE-0417) a handler's task and its child tasks run on Dispatch worker
/// threads, which the system adds when others block.
final class HandlerExecutor: TaskExecutor {
    private let queue = DispatchQueue(label: "recipe-http.handlers", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
