// The syntax tree. Chains of static member and index accesses (`a.b[0]["c d"]`) are collapsed
// into a single `.path` node (rooted at a name) or `.access` node (rooted at any other value),
// so the common template `{{ trigger.data.employeeId }}` is one node and one loop.
import RecipeData

/// One static step of a path: an object key or an array index (negative counts from the end).
public enum PathComponent: Sendable, Hashable, CustomStringConvertible {
    case key(String)
    case index(Int)

    public var description: String {
        switch self {
        case .key(let key): key
        case .index(let index): "[\(index)]"
        }
    }
}

enum UnaryOperator: Sendable {
    case not, negate
}

enum BinaryOperator: String, Sendable {
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case contained = "in", notContained = "not in"
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"
}

/// A name followed by static components: `trigger.data.employeeId`.
struct PathNode: Sendable {
    var root: String
    var components: [PathComponent]
    var location: SourceLocation
}

/// A call of a function resolved at parse time.
struct CallNode: Sendable {
    var function: FunctionDefinition
    var arguments: [Node]
    var argumentTexts: [String]
    var argumentLocations: [SourceLocation]
    var location: SourceLocation
}

struct ObjectEntry: Sendable {
    var key: String
    var value: Node
}

indirect enum Node: Sendable {
    case literal(JSONValue)
    case path(PathNode)
    /// Static components applied to a computed value: `f(x).a[0]`.
    case access(Node, [PathComponent])
    /// `base[expression]`: a string indexes objects, an integer indexes arrays.
    case index(Node, Node)
    /// `operand!`: fails with "`text` is missing" when the operand is null.
    case strict(Node, text: String, location: SourceLocation)
    case unary(UnaryOperator, Node, location: SourceLocation)
    case binary(BinaryOperator, Node, Node, location: SourceLocation)
    case and(Node, Node)
    case or(Node, Node)
    case coalesce(Node, Node)
    case conditional(Node, Node, Node)
    case array([Node])
    case object([ObjectEntry])
    case call(CallNode)

    var literalValue: JSONValue? {
        if case .literal(let value) = self { return value }
        return nil
    }
}
