// `RecipeBenchmarks http-server PORT`: a tiny keep-alive HTTP server for Benchmarks/http.sh,
// answering every request with `200 hello`. Runs until SIGTERM/SIGINT, then shuts down
// gracefully.
import Foundation
import RecipeHTTP
import RecipeHTTPCore

enum HTTPServerBenchmark {
    static func serve(port: Int) async throws {
        let handler = HandlerFunction { _ in .text("hello") }
        let server = HTTPServer(configuration: .init(host: "127.0.0.1", port: port), handler: handler)
        let bound = try server.start()
        FileHandle.standardOutput.write(Data("listening on 127.0.0.1:\(bound) pid \(getpid())\n".utf8))
        let (stopped, stop) = AsyncStream<Void>.makeStream()
        let signals = SignalHandling { _ in stop.finish() }
        for await _ in stopped {}
        await server.shutdown()
        withExtendedLifetime(signals) {}
        print("stopped")
    }
}
