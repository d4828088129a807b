import Foundation
import RecipeTestSupport
import Testing

/// What the repository's own files may not say: paths of a development machine, notes that
/// live outside the repository, platforms the package does not run on.
struct RepositoryHygieneTests {
    struct Rule: Sendable, CustomStringConvertible {
        var description: String
        /// Folders or files, relative to the package root.
        var places: [String]
        var pattern: String
        /// Files the rule does not apply to (the one place that does it right).
        var except: [String] = []
    }

    static let rules = [
        Rule(
            description: "absolute paths of a development machine",
            places: ["Sources", "Tests", "Benchmarks", "docs", "Package.swift", "README.md"],
            pattern: #"(^|[\s(`'"=<])/(work|home|Users)/"#),
        Rule(
            description: "research notes that are not in the repository (cite the vendor page or docs/)",
            places: ["Sources", "Tests", "Benchmarks", "docs"],
            pattern: #"(?<![\w/.-])(hibob|targets)\.md\b"#),
        Rule(
            description: "platforms the package does not run on (the sockets are Linux-only)",
            places: ["Package.swift"],
            pattern: #"\.(macOS|iOS|tvOS|watchOS|visionOS)\("#),
        Rule(
            description: "a Duration built from a converted number traps when it overflows: use Duration(clampingSeconds:maximum:)",
            places: ["Sources", "Benchmarks"],
            pattern: #"\.(nanoseconds|microseconds|milliseconds|seconds)\(U?Int(64)?\("#,
            except: ["Sources/RecipeData/Numbers/Duration+Checked.swift"]),
    ]

    @Test(arguments: rules)
    func noFileBreaks(_ rule: Rule) throws {
        let regex = try NSRegularExpression(pattern: rule.pattern, options: [.anchorsMatchLines])
        var offenders: [String] = []
        for file in Self.textFiles(under: rule.places) where !file.hasSuffix("RepositoryHygieneTests.swift") && !rule.except.contains(file) {
            let url = PackagePaths.root.appendingPathComponent(file)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = String(line)
                if regex.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil {
                    offenders.append("\(file):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        #expect(offenders == [], "\(rule.description)")
    }

    /// A page of `docs/` that a source file or another page cites exists.
    @Test func citedDocsExist() throws {
        let regex = try NSRegularExpression(pattern: #"\bdocs/[A-Za-z0-9_./-]+\.(md|json)\b"#)
        var missing: [String] = []
        for file in Self.textFiles(under: ["Sources", "Tests", "Benchmarks", "docs", "README.md"]) {
            guard let text = try? String(contentsOf: PackagePaths.root.appendingPathComponent(file), encoding: .utf8) else { continue }
            for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let range = Range(match.range, in: text) else { continue }
                let cited = String(text[range])
                if !FileManager.default.fileExists(atPath: PackagePaths.root.appendingPathComponent(cited).path) {
                    missing.append("\(file): \(cited)")
                }
            }
        }
        #expect(missing == [])
    }

    @Test func theRulesSeeTheFilesTheyGuard() {
        let files = Self.textFiles(under: ["Sources", "Package.swift"])
        #expect(files.contains("Package.swift"))
        #expect(files.contains("Sources/RecipeSandbox/Docebo/DoceboAPI.swift"))
    }

    /// Swift, Markdown, JSON and shell files under `places` (relative paths, sorted).
    static func textFiles(under places: [String]) -> [String] {
        let root = PackagePaths.root
        var found: [String] = []
        for place in places {
            let url = root.appendingPathComponent(place)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
            guard isDirectory.boolValue else {
                found.append(place)
                continue
            }
            let walker = FileManager.default.enumerator(atPath: url.path)
            while let relative = walker?.nextObject() as? String {
                guard ["swift", "md", "json", "sh", "h"].contains((relative as NSString).pathExtension) else { continue }
                found.append(place + "/" + relative)
            }
        }
        return found.sorted()
    }
}
