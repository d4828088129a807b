// The one error type of every store backend.

/// A store operation that failed, with the context to act on it.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The backend failed; `detail` carries its message, result code and statement.
    case backend(detail: String)
    /// The database was written by a newer version of the engine.
    case schemaTooNew(database: SchemaVersion, supported: SchemaVersion)
    /// The database records a migration under a version where this build has another one.
    case schemaMismatch(database: SchemaVersion, expected: SchemaVersion)
    /// The caller no longer holds the job's lease (it lapsed and another owner claimed it, or
    /// the job finished): it must stop working on the job.
    case leaseLost(jobID: Int64, owner: String)
    /// No job with this id.
    case unknownJob(Int64)
    /// A stored value could not be read back (e.g. JSON that no longer parses).
    case corrupt(String)

    public var description: String {
        switch self {
        case .backend(let detail): "store: \(detail)"
        case .schemaTooNew(let database, let supported):
            "store: the database is at schema \(database) but this build supports up to \(supported); "
                + "it was written by a newer version of the engine, use that version or a copy of an older database"
        case .schemaMismatch(let database, let expected):
            "store: the database records migration \(database) where this build has \(expected)"
        case .leaseLost(let jobID, let owner): "store: \(owner) no longer holds the lease of job \(jobID)"
        case .unknownJob(let id): "store: no job \(id)"
        case .corrupt(let message): "store: unreadable stored value: \(message)"
        }
    }
}

/// A schema migration's number and name, e.g. `2 (jobs_origin_key)`.
public struct SchemaVersion: Sendable, Equatable, CustomStringConvertible {
    public var version: Int
    public var name: String

    public init(version: Int, name: String) {
        self.version = version
        self.name = name
    }

    public var description: String { "\(version) (\(name))" }
}
