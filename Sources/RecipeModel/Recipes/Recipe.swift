import RecipeCrypto
import RecipeData

/// The identity of a recipe: its folder under `recipes/` and its file name without `.json`,
/// written `folder/name`. Sub-recipe calls resolve inside the caller's folder first, so a
/// cloned folder keeps working without edits.
public struct RecipeID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var folder: String
    public var name: String

    public init(folder: String, name: String) {
        self.folder = folder
        self.name = name
    }

    /// Parses `folder/name` (the folder may itself contain `/`); `nil` without a folder.
    public init?(qualified: String) {
        guard let slash = qualified.lastIndex(of: "/") else { return nil }
        folder = String(qualified[..<slash])
        name = String(qualified[qualified.index(after: slash)...])
        if folder.isEmpty || name.isEmpty { return nil }
    }

    public var description: String { "\(folder)/\(name)" }

    public static func < (lhs: RecipeID, rhs: RecipeID) -> Bool { lhs.description < rhs.description }
}

/// One recipe file: a trigger, the steps a job runs, and what happens when a job fails.
/// Immutable once loaded and shared by reference between the project and running jobs.
public final class Recipe: Sendable {
    /// The recipe format version this engine reads; a file declaring a newer one is rejected.
    public static let formatVersion = 1

    public let id: RecipeID
    /// `folder/name`, computed once (job records name recipes this way).
    public let qualifiedName: String
    /// The human title shown in job lists ("Capture user update from HiBob").
    public let name: String
    public let description: String?
    public let version: Int
    public let trigger: Trigger
    public let steps: [Step]
    /// Steps run when a job of this recipe fails (for example a notification e-mail); they can
    /// read `error`.
    public let onError: [Step]
    /// Where the recipe file is, for messages.
    public let location: SourceLocation
    /// SHA-256 (hex) of the file's bytes: jobs record which content they ran, and a started
    /// recipe keeps running the content it was started with.
    public let contentHash: String

    public init(
        id: RecipeID, name: String, description: String? = nil, version: Int = Recipe.formatVersion,
        trigger: Trigger, steps: [Step], onError: [Step] = [], location: SourceLocation, contentHash: String = ""
    ) {
        self.contentHash = contentHash
        self.id = id
        self.qualifiedName = id.description
        self.name = name
        self.description = description
        self.version = version
        self.trigger = trigger
        self.steps = steps
        self.onError = onError
        self.location = location
    }

    /// The declared parameters when this recipe is a function.
    public var function: FunctionTrigger? {
        if case .function(let f) = trigger { return f }
        return nil
    }
}

extension Recipe {
    /// The content hash of a recipe file's bytes (SHA-256, lower-case hex): what
    /// `contentHash` holds and what a started recipe is pinned to.
    public static func contentHash(of bytes: [UInt8]) -> String {
        Bytes.hex(HashAlgorithm.sha256.digest(bytes))
    }
}
