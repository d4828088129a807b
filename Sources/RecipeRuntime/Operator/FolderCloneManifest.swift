// `recipes/<new-folder>/.clone.json`: where a cloned folder came from and the content it was
// cloned from, for the coming `recipes upstream status/diff/merge` (docs/cloning.md).
//
// The name starts with a dot because the project loader reads every `recipes/<folder>/*.json`
// as a recipe but skips hidden files, so the manifest is never loaded, checked or started as
// a recipe, and `recipes validate` needs no change.
import RecipeData

/// What a clone records about itself: the source folder, when, the connection re-bindings,
/// and for every copied file the SHA-256 of the source's bytes and of the bytes written.
public struct FolderCloneManifest: Sendable, Equatable {
    /// The manifest's file name inside the cloned folder.
    public static let fileName = ".clone.json"
    /// The manifest format's version.
    public static let formatVersion = 1

    /// One copied file.
    public struct File: Sendable, Equatable {
        /// Relative to the folder, `/`-separated (`tests/created-new-user.json`).
        public var path: String
        /// Lowercase hex SHA-256 of the source file's content at clone time.
        public var sha256: String
        /// Lowercase hex SHA-256 of what was written (differs when the clone rewrote the file).
        public var clonedSha256: String

        public init(path: String, sha256: String, clonedSha256: String) {
            self.path = path
            self.sha256 = sha256
            self.clonedSha256 = clonedSha256
        }

        /// Whether the clone changed the file while copying it.
        public var rewritten: Bool { sha256 != clonedSha256 }
    }

    public var source: String
    public var folder: String
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var clonedAt: Int64
    /// Old connection name → new one; empty when no connection was re-bound.
    public var connections: [String: String]
    /// Sorted by path.
    public var files: [File]

    public init(source: String, folder: String, clonedAt: Int64, connections: [String: String], files: [File]) {
        self.source = source
        self.folder = folder
        self.clonedAt = clonedAt
        self.connections = connections
        self.files = files
    }

    /// The manifest as written: keys in a fixed order, connections sorted by old name.
    public var json: JSONValue {
        var object = JSONObject()
        object["version"] = .int(Self.formatVersion)
        object["source"] = .string(source)
        object["folder"] = .string(folder)
        object["clonedAt"] = .int(Int(clonedAt))
        object["clonedAtUTC"] = .string(OperatorTime.iso8601(milliseconds: clonedAt))
        var rebindings = JSONObject()
        for old in connections.keys.sorted() { rebindings[old] = .string(connections[old]!) }
        object["connections"] = .object(rebindings)
        object["files"] = .array(
            files.map { file in
                var entry = JSONObject()
                entry["path"] = .string(file.path)
                entry["sha256"] = .string(file.sha256)
                entry["clonedSha256"] = .string(file.clonedSha256)
                return .object(entry)
            })
        return .object(object)
    }

    /// The bytes of the manifest file: pretty-printed JSON and a final newline.
    public var fileBytes: [UInt8] { json.jsonBytes(pretty: true) + [UInt8(ascii: "\n")] }

    /// Reads a manifest written by `fileBytes`; `nil` when the bytes are not one.
    public static func parse(_ bytes: [UInt8]) -> FolderCloneManifest? {
        guard let root = try? JSONParser.parseNode(SourceFile(path: fileName, bytes: bytes)),
            let source = root.member("source")?.value.stringValue,
            let folder = root.member("folder")?.value.stringValue,
            case .number(let stamp)? = root.member("clonedAt")?.value.kind, case .int(let clonedAt) = stamp,
            let fileNodes = root.member("files")?.value.items
        else { return nil }
        var connections: [String: String] = [:]
        for member in root.member("connections")?.value.members ?? [] {
            guard let new = member.value.stringValue else { return nil }
            connections[member.key] = new
        }
        var files: [File] = []
        for node in fileNodes {
            guard let path = node.member("path")?.value.stringValue, let sha256 = node.member("sha256")?.value.stringValue,
                let cloned = node.member("clonedSha256")?.value.stringValue
            else { return nil }
            files.append(File(path: path, sha256: sha256, clonedSha256: cloned))
        }
        return FolderCloneManifest(
            source: source, folder: folder, clonedAt: Int64(clonedAt), connections: connections, files: files)
    }
}
