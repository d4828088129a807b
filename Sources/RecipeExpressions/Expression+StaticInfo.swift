// Static information for the recipe checker: which roots and paths an expression reads, which
// functions it calls with which arguments, and the literal values of arguments.
import RecipeData

/// A path read by an expression: its root name and the static components that follow it
/// (`steps.getEmployee.output.body[0]` → root `steps`, components `getEmployee`, `output`,
/// `body`, `[0]`). A dynamic index (`a[x]`) ends the static part.
public struct PathReference: Sendable, Hashable {
    public var root: String
    public var components: [PathComponent]
    public var location: SourceLocation
}

/// A call written in an expression, with its arguments as sub-expressions.
public struct FunctionCallReference: Sendable {
    public var name: String
    public var arguments: [Expression]
    public var location: SourceLocation
}

extension Expression {
    /// Every path in the expression, in source order (nested ones included).
    public var pathReferences: [PathReference] {
        var found: [PathReference] = []
        root.walk { node in
            if case .path(let path) = node {
                found.append(PathReference(root: path.root, components: path.components, location: path.location))
            }
        }
        return found
    }

    /// Every function call not folded away, in source order (nested ones included).
    /// Pure calls with constant arguments (`lower('A')`) are folded at parse time and absent.
    public var functionCalls: [FunctionCallReference] {
        var found: [FunctionCallReference] = []
        root.walk { node in
            guard case .call(let call) = node else { return }
            let arguments = call.arguments.indices.map {
                Expression(root: call.arguments[$0], sourceText: call.argumentTexts[$0], location: call.argumentLocations[$0])
            }
            found.append(FunctionCallReference(name: call.function.name, arguments: arguments, location: call.location))
        }
        return found
    }

    /// The value of a constant string expression (`'integration-settings'`).
    public var literalString: String? { constantValue?.stringValue }

    /// The keys of an object literal, even when its values are not constant
    /// (`{Integration: 'HIBOB', Key: trigger.key}` → `["Integration", "Key"]`).
    public var objectLiteralKeys: [String]? {
        switch root {
        case .literal(.object(let object)): return object.keys
        case .object(let entries): return entries.map(\.key)
        default: return nil
        }
    }
}

extension Node {
    /// Visits this node and its descendants, parents first, operands in source order.
    func walk(_ visit: (Node) -> Void) {
        visit(self)
        switch self {
        case .literal, .path: return
        case .access(let base, _): base.walk(visit)
        case .strict(let a, _, _), .unary(_, let a, _): a.walk(visit)
        case .index(let a, let b), .and(let a, let b), .or(let a, let b), .coalesce(let a, let b),
            .binary(_, let a, let b, _):
            a.walk(visit)
            b.walk(visit)
        case .conditional(let a, let b, let c):
            a.walk(visit)
            b.walk(visit)
            c.walk(visit)
        case .array(let items): for item in items { item.walk(visit) }
        case .object(let entries): for entry in entries { entry.value.walk(visit) }
        case .call(let call): for argument in call.arguments { argument.walk(visit) }
        }
    }
}
