import Foundation

extension LookupTableSet {
    /// Parses the text of a `.json` lookup-table file into a located node. RecipeData's JSON
    /// parser is wired in by the caller, so this file does not depend on it; throw a
    /// `Diagnostic` for syntax errors (any other error is reported with its description).
    public typealias JSONTableParser = (SourceFile) throws -> JSONNode

    /// Loads every `*.csv` and `*.json` file directly inside `directory` (sorted by file name,
    /// not recursive, hidden files and other extensions ignored). The table name is the file
    /// name without its extension.
    ///
    /// All problems are returned as diagnostics and loading continues with the other files:
    /// a file with an error is left out of the set. Two files with the same table name
    /// (`x.csv` and `x.json`) are an error on the later one, which is left out. A missing
    /// directory gives an empty set and no diagnostics.
    ///
    /// - Parameters:
    ///   - displayPath: how the directory is shown in messages, e.g. `lookup-tables`.
    ///   - parseJSON: the JSON parser for `.json` tables. When `nil`, `.json` files are not
    ///     loaded and each gets a warning saying so.
    public static func load(
        directory: URL, displayPath: String, limits: LookupTableLimits = .default,
        parseJSON: JSONTableParser? = nil
    ) -> (LookupTableSet, [Diagnostic]) {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: directory.path, isDirectory: &isDirectory) else {
            return (LookupTableSet(), [])
        }
        guard isDirectory.boolValue else {
            return (LookupTableSet(), [.error("'\(displayPath)' is not a directory", at: .file(displayPath))])
        }
        let names: [String]
        do {
            names = try fileManager.contentsOfDirectory(atPath: directory.path).sorted()
        } catch {
            return (LookupTableSet(), [.error("cannot list '\(displayPath)': \(error.localizedDescription)",
                                              at: .file(displayPath))])
        }

        var tables: [LookupTable] = []
        var diagnostics: [Diagnostic] = []
        var firstFileForTable: [String: String] = [:]
        for fileName in names where !fileName.hasPrefix(".") {
            let url = directory.appendingPathComponent(fileName)
            let ext = url.pathExtension.lowercased()
            guard ext == "csv" || ext == "json" else { continue }
            let tableName = url.deletingPathExtension().lastPathComponent
            let path = displayPath.isEmpty ? fileName : "\(displayPath)/\(fileName)"
            if let first = firstFileForTable[tableName] {
                diagnostics.append(.error(
                    "lookup table '\(tableName)' is defined twice; this file is ignored", at: .file(path),
                    notes: [.note("'\(tableName)' first defined here", at: .file(first))]))
                continue
            }
            firstFileForTable[tableName] = path
            switch loadFile(url, ext: ext, name: tableName, path: path, limits: limits, parseJSON: parseJSON) {
            case .success(let table): tables.append(table)
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            }
        }
        return (LookupTableSet(tables), diagnostics)
    }

    private static func loadFile(
        _ url: URL, ext: String, name: String, path: String, limits: LookupTableLimits,
        parseJSON: JSONTableParser?
    ) -> Result<LookupTable, Diagnostic> {
        if ext == "json" && parseJSON == nil {
            return .failure(.warning("JSON lookup tables are not supported yet; '\(name)' is not loaded",
                                     at: .file(path)))
        }
        let bytes: [UInt8]
        do {
            let size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0
            if size > limits.maxFileBytes {
                return .failure(.error("file is \(size) bytes, more than the limit of \(limits.maxFileBytes)",
                                       at: .file(path)))
            }
            bytes = Array(try Data(contentsOf: url))
        } catch {
            return .failure(.error("cannot read file: \(error.localizedDescription)", at: .file(path)))
        }
        guard let parseJSON, ext == "json" else {
            return LookupTable.fromCSV(bytes: bytes, name: name, path: path, limits: limits)
        }
        if bytes.count > limits.maxFileBytes {
            return .failure(.error("file is \(bytes.count) bytes, more than the limit of \(limits.maxFileBytes)",
                                   at: .file(path)))
        }
        do {
            let node = try parseJSON(SourceFile(path: path, bytes: bytes))
            return LookupTable.fromJSON(node, name: name, path: path, limits: limits)
        } catch let diagnostic as Diagnostic {
            return .failure(diagnostic)
        } catch {
            return .failure(.error("\(error)", at: .file(path)))
        }
    }
}
