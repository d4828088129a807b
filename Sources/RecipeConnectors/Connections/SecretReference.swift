// Secrets are never written in configuration files: a credential is a reference to an
// environment variable or a file (`{"env": "HIBOB_TOKEN"}`, `{"file": "/run/secrets/hibob"}`),
// resolved once at start-up so a missing secret stops the process with a clear message.
import Foundation
import RecipeData

/// Where a secret value comes from.
public struct SecretReference: Sendable, Hashable {
    public enum Source: Sendable, Hashable {
        case environment(String)
        case file(String)
    }

    public var source: Source
    /// An optional secret (the second webhook secret during rotation) may be absent.
    public var optional: Bool
    public var location: SourceLocation?

    public init(_ source: Source, optional: Bool = false, location: SourceLocation? = nil) {
        self.source = source
        self.optional = optional
        self.location = location
    }

    /// How the reference reads in messages: `environment variable 'HIBOB_TOKEN'`.
    public var label: String {
        switch source {
        case .environment(let name): "environment variable '\(name)'"
        case .file(let path): "file '\(path)'"
        }
    }
}

/// Reads secret references.
public struct SecretResolver: Sendable {
    public var environment: [String: String]
    public var readFile: @Sendable (String) -> String?

    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        readFile: @escaping @Sendable (String) -> String? = { path in
            FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
        }
    ) {
        self.environment = environment
        self.readFile = readFile
    }

    /// The secret's value: `nil` for an absent optional secret; a diagnostic naming the
    /// connection, the credential and the variable or file otherwise.
    public func resolve(_ reference: SecretReference, connection: String, purpose: String) throws(Diagnostic) -> String? {
        let value: String?
        switch reference.source {
        case .environment(let name):
            value = environment[name]
        case .file(let path):
            // A trailing newline is how most tools write secret files; it is never part of the secret.
            value = readFile(path).map(Self.withoutLineEnd)
        }
        if let value, !value.isEmpty { return value }
        if reference.optional { return nil }
        let problem: String
        switch reference.source {
        case .environment: problem = value == nil ? "is not set" : "is empty"
        case .file: problem = value == nil ? "cannot be read" : "is empty"
        }
        throw Diagnostic.error("connection '\(connection)': \(purpose) reads the \(reference.label), which \(problem)", at: reference.location)
    }

    /// The text without one trailing `\n` or `\r\n` (compared by scalars: `"\r\n"` is one
    /// `Character` in Swift).
    static func withoutLineEnd(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars
        if scalars.last == "\n" { scalars.removeLast() }
        if scalars.last == "\r" { scalars.removeLast() }
        return String(scalars)
    }
}
