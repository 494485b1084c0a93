using System.Text;

namespace Twins.GraphQL.Language;

/// <summary>Recursive-descent parser for executable and type-system documents over UTF-8.</summary>
internal ref partial struct Utf8GraphQLParser
{
    private Utf8GraphQLReader _reader;
    private readonly ParserOptions _options;
    private int _depth;
    private int _lastEnd;

    private Utf8GraphQLParser(ReadOnlySpan<byte> source, ParserOptions options)
    {
        _reader = new Utf8GraphQLReader(source);
        _options = options;
        _depth = 0;
    }

    /// <summary>Parses a whole document.</summary>
    public static DocumentNode Parse(ReadOnlySpan<byte> source, ParserOptions? options = null)
    {
        var parser = new Utf8GraphQLParser(source, options ?? ParserOptions.Default);
        return parser.ParseDocument();
    }

    /// <summary>Parses a whole document given as text.</summary>
    public static DocumentNode Parse(string source, ParserOptions? options = null) => Parse(Encoding.UTF8.GetBytes(source), options);

    /// <summary>Parses a single value (for example a default value in SDL or a literal in a test).</summary>
    public static ValueNode ParseValue(string source)
    {
        var parser = new Utf8GraphQLParser(Encoding.UTF8.GetBytes(source), ParserOptions.Default);
        parser.Advance();
        var value = parser.ParseValueLiteral(false);
        parser.Expect(TokenKind.EndOfFile);
        return value;
    }

    /// <summary>Parses a type reference such as <c>[String!]!</c>.</summary>
    public static TypeNode ParseType(string source)
    {
        var parser = new Utf8GraphQLParser(Encoding.UTF8.GetBytes(source), ParserOptions.Default);
        parser.Advance();
        var type = parser.ParseTypeReference();
        parser.Expect(TokenKind.EndOfFile);
        return type;
    }

    private DocumentNode ParseDocument()
    {
        Advance();
        var start = Mark();
        var definitions = new List<DefinitionNode>();
        do
        {
            definitions.Add(ParseDefinition());
        }
        while (_reader.Kind != TokenKind.EndOfFile);
        return new DocumentNode(Finish(start), definitions);
    }

    private DefinitionNode ParseDefinition()
    {
        if (_reader.Kind == TokenKind.LeftBrace)
        {
            return ParseOperationDefinition(null);
        }

        var start = Mark();
        StringValueNode? description = null;
        if (_reader.Kind is TokenKind.String or TokenKind.BlockString)
        {
            description = ParseStringLiteral();
        }

        if (_reader.Kind == TokenKind.Name)
        {
            switch (_reader.Value)
            {
                case "schema":
                case "scalar":
                case "type":
                case "interface":
                case "union":
                case "enum":
                case "input":
                case "directive":
                    return ParseTypeSystemDefinition(start, description);
                case "query":
                case "mutation":
                case "subscription":
                    return ParseOperationDefinition(description, start);
                case "fragment":
                    return ParseFragmentDefinition(description, start);
                case "extend":
                    if (description is not null)
                    {
                        throw _reader.Error(description.Location.Start, "Unexpected description, descriptions are not supported on type extensions.");
                    }

                    return ParseTypeSystemExtension();
                default:
                    break;
            }
        }

        throw Unexpected();
    }

    private OperationDefinitionNode ParseOperationDefinition(StringValueNode? description, Start? startAt = null)
    {
        var start = startAt ?? Mark();
        if (_reader.Kind == TokenKind.LeftBrace)
        {
            var set = ParseSelectionSet();
            return new OperationDefinitionNode(Finish(start), null, OperationType.Query, null, [], [], set);
        }

        var operation = ParseOperationType();
        NameNode? name = null;
        if (_reader.Kind == TokenKind.Name)
        {
            name = ParseName();
        }

        var variables = ParseVariableDefinitions();
        var directives = ParseDirectives(false);
        var selectionSet = ParseSelectionSet();
        return new OperationDefinitionNode(Finish(start), description, operation, name, variables, directives, selectionSet);
    }

    private OperationType ParseOperationType()
    {
        if (_reader.Kind == TokenKind.Name)
        {
            switch (_reader.Value)
            {
                case "query": Advance(); return OperationType.Query;
                case "mutation": Advance(); return OperationType.Mutation;
                case "subscription": Advance(); return OperationType.Subscription;
                default: break;
            }
        }

        throw Unexpected();
    }

    private List<VariableDefinitionNode> ParseVariableDefinitions()
    {
        var list = new List<VariableDefinitionNode>();
        if (!Skip(TokenKind.LeftParenthesis))
        {
            return list;
        }

        do
        {
            var start = Mark();
            StringValueNode? description = null;
            if (_reader.Kind is TokenKind.String or TokenKind.BlockString)
            {
                description = ParseStringLiteral();
            }

            var variable = ParseVariable();
            Expect(TokenKind.Colon);
            var type = ParseTypeReference();
            ValueNode? defaultValue = null;
            if (Skip(TokenKind.Equal))
            {
                defaultValue = ParseValueLiteral(true);
            }

            var directives = ParseDirectives(true);
            list.Add(new VariableDefinitionNode(Finish(start), description, variable, type, defaultValue, directives));
        }
        while (!Skip(TokenKind.RightParenthesis));
        return list;
    }

    private VariableNode ParseVariable()
    {
        var start = Mark();
        Expect(TokenKind.Dollar);
        var name = ParseName();
        return new VariableNode(Finish(start), name);
    }

    private SelectionSetNode ParseSelectionSet()
    {
        var start = Mark();
        Enter();
        Expect(TokenKind.LeftBrace);
        var selections = new List<SelectionNode>();
        do
        {
            selections.Add(ParseSelection());
        }
        while (!Skip(TokenKind.RightBrace));
        _depth--;
        return new SelectionSetNode(Finish(start), selections);
    }

    private SelectionNode ParseSelection() => _reader.Kind == TokenKind.Spread ? ParseFragment() : ParseField();

    private FieldNode ParseField()
    {
        var start = Mark();
        var nameOrAlias = ParseName();
        NameNode? alias = null;
        NameNode name;
        if (Skip(TokenKind.Colon))
        {
            alias = nameOrAlias;
            name = ParseName();
        }
        else
        {
            name = nameOrAlias;
        }

        var arguments = ParseArguments(false);
        var directives = ParseDirectives(false);
        SelectionSetNode? selectionSet = null;
        if (_reader.Kind == TokenKind.LeftBrace)
        {
            selectionSet = ParseSelectionSet();
        }

        return new FieldNode(Finish(start), alias, name, arguments, directives, selectionSet);
    }

    private List<ArgumentNode> ParseArguments(bool isConst)
    {
        var list = new List<ArgumentNode>();
        if (!Skip(TokenKind.LeftParenthesis))
        {
            return list;
        }

        do
        {
            var start = Mark();
            var name = ParseName();
            Expect(TokenKind.Colon);
            var value = ParseValueLiteral(isConst);
            list.Add(new ArgumentNode(Finish(start), name, value));
        }
        while (!Skip(TokenKind.RightParenthesis));
        return list;
    }

    private SelectionNode ParseFragment()
    {
        var start = Mark();
        Expect(TokenKind.Spread);
        var hasTypeCondition = _reader.Kind == TokenKind.Name && _reader.Value == "on";
        if (!hasTypeCondition && _reader.Kind == TokenKind.Name)
        {
            var name = ParseFragmentName();
            var spreadDirectives = ParseDirectives(false);
            return new FragmentSpreadNode(Finish(start), name, spreadDirectives);
        }

        NamedTypeNode? typeCondition = null;
        if (hasTypeCondition)
        {
            Advance();
            typeCondition = ParseNamedType();
        }

        var directives = ParseDirectives(false);
        var selectionSet = ParseSelectionSet();
        return new InlineFragmentNode(Finish(start), typeCondition, directives, selectionSet);
    }

    private FragmentDefinitionNode ParseFragmentDefinition(StringValueNode? description, Start start)
    {
        ExpectKeyword("fragment");
        var name = ParseFragmentName();
        ExpectKeyword("on");
        var typeCondition = ParseNamedType();
        var directives = ParseDirectives(false);
        var selectionSet = ParseSelectionSet();
        return new FragmentDefinitionNode(Finish(start), description, name, typeCondition, directives, selectionSet);
    }

    private NameNode ParseFragmentName()
    {
        if (_reader.Kind == TokenKind.Name && _reader.Value == "on")
        {
            throw Unexpected();
        }

        return ParseName();
    }

    private ValueNode ParseValueLiteral(bool isConst)
    {
        var start = Mark();
        switch (_reader.Kind)
        {
            case TokenKind.LeftBracket:
            {
                Enter();
                Advance();
                var values = new List<ValueNode>();
                while (!Skip(TokenKind.RightBracket))
                {
                    values.Add(ParseValueLiteral(isConst));
                }

                _depth--;
                return new ListValueNode(Finish(start), values);
            }

            case TokenKind.LeftBrace:
            {
                Enter();
                Advance();
                var fields = new List<ObjectFieldNode>();
                while (!Skip(TokenKind.RightBrace))
                {
                    var fieldStart = Mark();
                    var name = ParseName();
                    Expect(TokenKind.Colon);
                    var value = ParseValueLiteral(isConst);
                    fields.Add(new ObjectFieldNode(Finish(fieldStart), name, value));
                }

                _depth--;
                return new ObjectValueNode(Finish(start), fields);
            }

            case TokenKind.Integer:
            {
                var value = _reader.Value!;
                Advance();
                return new IntValueNode(Finish(start), value);
            }

            case TokenKind.Float:
            {
                var value = _reader.Value!;
                Advance();
                return new FloatValueNode(Finish(start), value);
            }

            case TokenKind.String:
            case TokenKind.BlockString:
                return ParseStringLiteral();
            case TokenKind.Name:
            {
                var value = _reader.Value!;
                Advance();
                return value switch
                {
                    "true" => new BooleanValueNode(Finish(start), true),
                    "false" => new BooleanValueNode(Finish(start), false),
                    "null" => new NullValueNode(Finish(start)),
                    _ => new EnumValueNode(Finish(start), value),
                };
            }

            case TokenKind.Dollar:
                if (isConst)
                {
                    Advance();
                    if (_reader.Kind == TokenKind.Name)
                    {
                        throw _reader.Error(start.Offset, $"Unexpected variable \"${_reader.Value}\" in constant value.");
                    }

                    throw UnexpectedDollar(start);
                }

                return ParseVariable();
            default:
                throw Unexpected();
        }
    }

    private StringValueNode ParseStringLiteral()
    {
        var start = Mark();
        var block = _reader.Kind == TokenKind.BlockString;
        var value = _reader.Value!;
        Advance();
        return new StringValueNode(Finish(start), value, block);
    }

    private List<DirectiveNode> ParseDirectives(bool isConst)
    {
        var list = new List<DirectiveNode>();
        while (_reader.Kind == TokenKind.At)
        {
            var start = Mark();
            Advance();
            var name = ParseName();
            var arguments = ParseArguments(isConst);
            list.Add(new DirectiveNode(Finish(start), name, arguments));
        }

        return list;
    }

    private TypeNode ParseTypeReference()
    {
        var start = Mark();
        TypeNode type;
        if (Skip(TokenKind.LeftBracket))
        {
            Enter();
            var inner = ParseTypeReference();
            Expect(TokenKind.RightBracket);
            _depth--;
            type = new ListTypeNode(Finish(start), inner);
        }
        else
        {
            type = ParseNamedType();
        }

        if (Skip(TokenKind.Bang))
        {
            return new NonNullTypeNode(Finish(start), type);
        }

        return type;
    }

    private NamedTypeNode ParseNamedType()
    {
        var start = Mark();
        var name = ParseName();
        return new NamedTypeNode(Finish(start), name);
    }

    private NameNode ParseName()
    {
        if (_reader.Kind != TokenKind.Name)
        {
            throw _reader.Error(_reader.Start, $"Expected Name, found {TokenDescription()}.");
        }

        var start = Mark();
        var value = _reader.Value!;
        Advance();
        return new NameNode(Finish(start), value);
    }

    private void Enter()
    {
        if (++_depth > _options.MaxDepth)
        {
            throw _reader.Error(_reader.Start, $"Document exceeds the maximum nesting depth of {_options.MaxDepth}.");
        }
    }

    private void Advance()
    {
        _lastEnd = _reader.End;
        _reader.Read();
        if (_reader.Kind != TokenKind.EndOfFile && _reader.TokenCount > _options.MaxTokens)
        {
            throw _reader.Error(_reader.Start, $"Document contains more that {_options.MaxTokens} tokens. Parsing aborted.");
        }
    }

    private readonly Start Mark() => new(_reader.Start, _reader.Line, _reader.Column);

    private readonly Location Finish(Start start) => new(start.Offset, _lastEnd, start.Line, start.Column);

    private void Expect(TokenKind kind)
    {
        if (_reader.Kind == kind)
        {
            Advance();
            return;
        }

        throw _reader.Error(_reader.Start, $"Expected {KindDescription(kind)}, found {TokenDescription()}.");
    }

    private bool Skip(TokenKind kind)
    {
        if (_reader.Kind == kind)
        {
            Advance();
            return true;
        }

        return false;
    }

    private void ExpectKeyword(string keyword)
    {
        if (_reader.Kind == TokenKind.Name && _reader.Value == keyword)
        {
            Advance();
            return;
        }

        throw _reader.Error(_reader.Start, $"Expected \"{keyword}\", found {TokenDescription()}.");
    }

    private bool SkipKeyword(string keyword)
    {
        if (_reader.Kind == TokenKind.Name && _reader.Value == keyword)
        {
            Advance();
            return true;
        }

        return false;
    }

    private readonly GraphQLSyntaxException Unexpected() => _reader.Error(_reader.Start, $"Unexpected {TokenDescription()}.");

    private readonly GraphQLSyntaxException UnexpectedDollar(Start at) => _reader.Error(at.Offset, "Unexpected \"$\".");

    private readonly string TokenDescription()
    {
        var kind = KindDescription(_reader.Kind);
        return _reader.Kind switch
        {
            TokenKind.Name or TokenKind.Integer or TokenKind.Float or TokenKind.String or TokenKind.BlockString => $"{kind} \"{_reader.Value}\"",
            _ => kind,
        };
    }

    private static string KindDescription(TokenKind kind) => kind switch
    {
        TokenKind.StartOfFile => "<SOF>",
        TokenKind.EndOfFile => "<EOF>",
        TokenKind.Bang => "\"!\"",
        TokenKind.Dollar => "\"$\"",
        TokenKind.Ampersand => "\"&\"",
        TokenKind.LeftParenthesis => "\"(\"",
        TokenKind.RightParenthesis => "\")\"",
        TokenKind.Spread => "\"...\"",
        TokenKind.Colon => "\":\"",
        TokenKind.Equal => "\"=\"",
        TokenKind.At => "\"@\"",
        TokenKind.LeftBracket => "\"[\"",
        TokenKind.RightBracket => "\"]\"",
        TokenKind.LeftBrace => "\"{\"",
        TokenKind.Pipe => "\"|\"",
        TokenKind.RightBrace => "\"}\"",
        TokenKind.Name => "Name",
        TokenKind.Integer => "Int",
        TokenKind.Float => "Float",
        TokenKind.String => "String",
        _ => "BlockString",
    };

    private readonly record struct Start(int Offset, int Line, int Column);
}
