// `recipes clone <folder> <new-folder>`: copies a bundle folder for production use, re-binding
// connections, and records what it was cloned from (docs/cloning.md).
import Foundation
import RecipeCrypto
import RecipeData

/// Copies `recipes/<source>/` to `recipes/<target>/` with every file (recipes, `samples/`,
/// `tests/`, README), rewrites re-bound connections and `<source>/<name>` references (see
/// `FolderCloneRewriter`), and writes a `FolderCloneManifest`.
///
/// Every check is made before anything is written, and the copy is built in a hidden staging
/// directory renamed into place at the end, so a refused or failed clone leaves nothing behind.
public struct FolderClone: Sendable {
    /// The project directory (the one holding `recipes/`).
    public var root: URL
    public var source: String
    public var target: String
    /// Old connection name → new one.
    public var connections: [String: String]

    public init(root: URL, source: String, target: String, connections: [String: String] = [:]) {
        self.root = root
        self.source = source
        self.target = target
        self.connections = connections
    }

    private var recipesDirectory: URL { root.appendingPathComponent("recipes") }

    /// Checks, copies and writes the manifest; returns it.
    /// - Parameter now: the clone time, milliseconds since 1970 UTC.
    public func run(now: Int64 = OperatorTime.nowMilliseconds()) throws(OperatorError) -> FolderCloneManifest {
        try Self.checkName(source, role: "folder")
        try Self.checkName(target, role: "new folder")
        let sourceDirectory = recipesDirectory.appendingPathComponent(source)
        guard Self.isDirectory(sourceDirectory) else {
            let folders = Self.folders(in: recipesDirectory)
            throw .notFound("no folder '\(DisplayText.line(source, limit: 200))' in recipes/\(Suggestion.didYouMean(source, among: folders))")
        }
        let targetDirectory = recipesDirectory.appendingPathComponent(target)
        guard !FileManager.default.fileExists(atPath: targetDirectory.path) else {
            throw .refused("recipes/\(target) already exists; nothing was written")
        }
        try ProjectConnections.load(root: root).checkRebindings(connections)
        let copies = try plannedCopies(from: sourceDirectory)
        let named = copies.reduce(into: Set<String>()) { $0.formUnion($1.connectionsNamed) }
        for old in connections.keys.sorted() where !named.contains(old) {
            let used = named.sorted().map { "'\($0)'" }.joined(separator: ", ")
            throw .refused(
                "connection '\(old)' is not used by recipes/\(source) (it uses \(used.isEmpty ? "none" : used)); nothing was written")
        }
        let manifest = FolderCloneManifest(
            source: source, folder: target, clonedAt: now, connections: connections,
            files: copies.map { .init(path: $0.path, sha256: Self.sha256($0.original), clonedSha256: Self.sha256($0.bytes)) })
        try write(copies, manifest: manifest, to: targetDirectory)
        return manifest
    }

    /// One file to write: its path in the folder, the source bytes and the bytes to write.
    private struct Copy {
        var path: String
        var original: [UInt8]
        var bytes: [UInt8]
        var connectionsNamed: Set<String>
    }

    /// Every regular file of the source folder, read and rewritten, sorted by path. The
    /// source's own clone manifest (a clone of a clone) is not copied: the new one replaces it.
    private func plannedCopies(from directory: URL) throws(OperatorError) -> [Copy] {
        let rewriter = FolderCloneRewriter(source: source, target: target, connections: connections)
        var copies: [Copy] = []
        var mocksFiles: Set<String> = []
        for path in Self.files(under: directory) where path != FolderCloneManifest.fileName {
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(path).path) else {
                throw .refused("cannot read recipes/\(source)/\(path); nothing was written")
            }
            let bytes = Array(data)
            let parts = path.split(separator: "/")
            let isJSON = path.hasSuffix(".json") && !parts.contains { $0.hasPrefix(".") }
            let output: FolderCloneRewriter.Output? =
                !isJSON ? nil
                : parts.count == 1 ? rewriter.rewriteRecipe(bytes, path: path)
                : parts.count == 2 && parts[0] == "tests" ? rewriter.rewriteTestCase(bytes, path: path)
                : nil
            copies.append(
                Copy(path: path, original: bytes, bytes: output?.bytes ?? bytes, connectionsNamed: output?.connectionsNamed ?? []))
            if let mocks = output?.mocksFile, let resolved = Self.resolve(mocks, besides: path) { mocksFiles.insert(resolved) }
        }
        // Mocks files the test cases name are keyed by connection: re-bound too.
        for index in copies.indices where mocksFiles.contains(copies[index].path) {
            copies[index].bytes = rewriter.rewriteMocks(copies[index].original, path: copies[index].path).bytes
        }
        return copies
    }

    /// `../samples/mocks.json` written in `tests/case.json` → `samples/mocks.json`; `nil` when
    /// the path leaves the folder or is absolute.
    static func resolve(_ reference: String, besides file: String) -> String? {
        guard !reference.hasPrefix("/") else { return nil }
        var parts = file.split(separator: "/").dropLast().map(String.init)
        for part in reference.split(separator: "/").map(String.init) {
            switch part {
            case ".", "": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }

    /// Writes into a staging directory beside the target, then renames it into place.
    private func write(_ copies: [Copy], manifest: FolderCloneManifest, to targetDirectory: URL) throws(OperatorError) {
        let manager = FileManager.default
        let staging = recipesDirectory.appendingPathComponent(".clone-\(target)-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try? manager.removeItem(at: staging)
            try manager.createDirectory(at: staging, withIntermediateDirectories: false)
            for copy in copies {
                let url = staging.appendingPathComponent(copy.path)
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(copy.bytes).write(to: url)
            }
            try Data(manifest.fileBytes).write(to: staging.appendingPathComponent(FolderCloneManifest.fileName))
            try manager.moveItem(at: staging, to: targetDirectory)
        } catch {
            try? manager.removeItem(at: staging)
            throw .refused("cannot write recipes/\(target): \(error.localizedDescription); nothing was written")
        }
    }

    /// Refuses an empty name, `.`/`..`, a hidden name (the loader skips it), path separators
    /// and control characters: a folder name is one directory under `recipes/`.
    static func checkName(_ name: String, role: String) throws(OperatorError) {
        let problem: String? =
            name.isEmpty ? "it is empty"
            : name.contains("/") || name.contains("\\") ? "it contains a path separator"
            : name == "." || name == ".." ? "it is '\(name)'"
            : name.hasPrefix(".") ? "it starts with '.' (hidden folders are not loaded)"
            : name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) ? "it contains a control character"
            : nil
        if let problem {
            throw .refused("invalid \(role) name '\(DisplayText.line(name, limit: 200))': \(problem); nothing was written")
        }
    }

    /// Whether `url` is a directory (a symbolic link to one counts).
    public static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The folder names under `recipes/` (hidden ones left out), for did-you-mean.
    static func folders(in directory: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && isDirectory(directory.appendingPathComponent($0)) }.sorted()
    }

    /// Every regular file under `directory`, relative and `/`-separated, sorted. Symbolic
    /// links are not followed or copied.
    static func files(under directory: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory.path) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if (enumerator.fileAttributes?[.type] as? FileAttributeType) == .typeRegular { files.append(relative) }
        }
        return files.sorted()
    }

    static func sha256(_ bytes: [UInt8]) -> String { Bytes.hex(HashAlgorithm.sha256.digest(bytes)) }
}
