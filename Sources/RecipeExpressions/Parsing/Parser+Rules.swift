// The prefix and infix parse functions referenced by the rule table.
import RecipeData

extension Parser {
    // MARK: Prefix

    func literal(_ token: Token) -> Parsed {
        let value: JSONValue
        switch token.kind {
        case .number: value = token.number
        case .string: value = .string(token.text)
        case .keywordTrue: value = true
        case .keywordFalse: value = false
        default: value = .null
        }
        return Parsed(node: .literal(value), depth: 1, start: token.start)
    }

    func name(_ token: Token) -> Parsed {
        Parsed(
            node: .path(PathNode(root: token.text, components: [], location: location(token.start))),
            depth: 1, start: token.start)
    }

    mutating func grouping(_ open: Token) throws(ExpressionError) -> Parsed {
        let inner = try expression()
        try consume(.rightParen, "')'")
        return try make(inner.node, start: open.start, children: [inner])
    }

    mutating func unary(_ op: Token) throws(ExpressionError) -> Parsed {
        let operand = try expression(.unary)
        let kind: UnaryOperator = op.kind == .minus ? .negate : .not
        return try make(.unary(kind, operand.node, location: location(op.start)), start: op.start, children: [operand])
    }

    mutating func arrayLiteral(_ open: Token) throws(ExpressionError) -> Parsed {
        var items: [Parsed] = []
        while current.kind != .rightBracket {
            items.append(try expression())
            if current.kind != .comma { break }
            try advance()
        }
        try consume(.rightBracket, "',' or ']' in array")
        return try make(.array(items.map(\.node)), start: open.start, children: items)
    }

    /// `{name: 1, "any key": 2}`; keywords are allowed as bare keys.
    mutating func objectLiteral(_ open: Token) throws(ExpressionError) -> Parsed {
        var entries: [ObjectEntry] = []
        var children: [Parsed] = []
        while current.kind != .rightBrace {
            let key = current
            guard key.kind.isWord || key.kind == .string else {
                throw error("expected an object key (a name or a quoted string)\(found(key))", at: key)
            }
            try advance()
            try consume(.colon, "':' after object key")
            let value = try expression()
            entries.append(ObjectEntry(key: key.text, value: value.node))
            children.append(value)
            if current.kind != .comma { break }
            try advance()
        }
        try consume(.rightBrace, "',' or '}' in object")
        return try make(.object(entries), start: open.start, children: children)
    }

    // MARK: Infix

    mutating func binary(_ left: Parsed, _ op: Token) throws(ExpressionError) -> Parsed {
        let right = try expression(Self.rule(op.kind).precedence.next)
        let at = location(op.start)
        let node: Node
        switch op.kind {
        case .ampAmp, .keywordAnd: node = .and(left.node, right.node)
        case .pipePipe, .keywordOr: node = .or(left.node, right.node)
        case .questionQuestion: node = .coalesce(left.node, right.node)
        default: node = .binary(Self.binaryOperators[op.kind]!, left.node, right.node, location: at)
        }
        return try make(node, start: left.start, children: [left, right])
    }

    private static let binaryOperators: [TokenKind: BinaryOperator] = [
        .equalEqual: .equal, .bangEqual: .notEqual, .less: .less, .lessEqual: .lessEqual,
        .greater: .greater, .greaterEqual: .greaterEqual, .keywordIn: .contained,
        .plus: .add, .minus: .subtract, .star: .multiply, .slash: .divide, .percent: .remainder,
    ]

    /// `a not in b`.
    mutating func notIn(_ left: Parsed, _ not: Token) throws(ExpressionError) -> Parsed {
        try consume(.keywordIn, "'in' after 'not'")
        let right = try expression(Precedence.comparison.next)
        return try make(
            .binary(.notContained, left.node, right.node, location: location(not.start)),
            start: left.start, children: [left, right])
    }

    /// `condition ? then : else`, right-associative.
    mutating func conditional(_ condition: Parsed, _ question: Token) throws(ExpressionError) -> Parsed {
        let then = try expression(.conditional)
        try consume(.colon, "':' in conditional expression")
        let otherwise = try expression(.conditional)
        return try make(
            .conditional(condition.node, then.node, otherwise.node), start: condition.start,
            children: [condition, then, otherwise])
    }

    /// `a.name` (any word, keywords included, is a valid member name).
    mutating func member(_ left: Parsed, _ dot: Token) throws(ExpressionError) -> Parsed {
        guard current.kind.isWord else { throw error("expected a member name after '.'\(found(current))", at: current) }
        let name = current.text
        try advance()
        return append(.key(name), to: left)
    }

    /// `a[expr]`: string and integer literals become static path components.
    mutating func subscriptAccess(_ left: Parsed, _ open: Token) throws(ExpressionError) -> Parsed {
        let index = try expression()
        try consume(.rightBracket, "']'")
        switch index.node {
        case .literal(.string(let key)): return append(.key(key), to: left)
        case .literal(.int(let i)): return append(.index(i), to: left)
        default: return try make(.index(left.node, index.node), start: left.start, children: [left, index])
        }
    }

    /// Extends a path (or static access chain) instead of nesting a new node.
    private func append(_ component: PathComponent, to left: Parsed) -> Parsed {
        var result = left
        switch left.node {
        case .path(var path):
            path.components.append(component)
            result.node = .path(path)
        case .access(let base, var components):
            components.append(component)
            result.node = Self.fold(.access(base, components))
        default:
            result.node = Self.fold(.access(left.node, [component]))
            result.depth += 1
        }
        return result
    }

    /// `value!`: a strict path that fails when null.
    mutating func strict(_ left: Parsed, _ bang: Token) throws(ExpressionError) -> Parsed {
        let text = text(left.start, bang.start).trimmingSpaces
        return try make(.strict(left.node, text: text, location: location(left.start)), start: left.start, children: [left])
    }

    /// `name(arguments)`; the function is resolved and its arity checked now.
    mutating func call(_ callee: Parsed, _ open: Token) throws(ExpressionError) -> Parsed {
        guard case .path(let path) = callee.node, path.components.isEmpty else {
            throw error("only functions can be called, by name: 'lower(x)'", at: open)
        }
        guard let function = functions[path.root] else {
            throw ExpressionError(functions.unknownFunctionMessage(path.root), at: path.location)
        }
        var arguments: [Parsed] = []
        var texts: [String] = []
        while current.kind != .rightParen {
            let argument = try expression()
            arguments.append(argument)
            texts.append(text(argument.start, previousEnd))
            if current.kind != .comma { break }
            try advance()
        }
        try consume(.rightParen, "',' or ')' in call of '\(path.root)'")
        guard function.accepts(argumentCount: arguments.count) else {
            throw ExpressionError(function.arityMessage(given: arguments.count), at: path.location)
        }
        let node = CallNode(
            function: function, arguments: arguments.map(\.node), argumentTexts: texts,
            argumentLocations: arguments.map { location($0.start) }, location: path.location)
        return try make(.call(node), start: callee.start, children: arguments)
    }
}

extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
