// URLSession's delegate: routes each task's callbacks to its `Transfer`. Callbacks arrive on
// the session's serial delegate queue; the table itself is also touched by callers registering
// new tasks, hence the lock.
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

final class TransferTable: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private var transfers: [Int: Transfer] = [:]
    private let lock = NSLock()

    func register(_ transfer: Transfer, for task: URLSessionTask) {
        lock.withLock { transfers[task.taskIdentifier] = transfer }
    }

    private func transfer(_ task: URLSessionTask) -> Transfer? {
        lock.withLock { transfers[task.taskIdentifier] }
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        let admitted = transfer(dataTask)?.admits(announcedLength: response.expectedContentLength) ?? false
        completionHandler(admitted ? .allow : .cancel)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        transfer(dataTask)?.append(data)
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
    ) {
        // nil: the 3xx itself becomes the answer, and nothing is sent to the new location.
        completionHandler(transfer(task)?.follows(request.url) == true ? request : nil)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let transfer = lock.withLock { transfers.removeValue(forKey: task.taskIdentifier) }
        transfer?.complete(response: task.response, error: error)
    }
}
