namespace Twins.GraphQL.Language;

/// <summary>Type-system definitions and extensions (SDL).</summary>
internal ref partial struct Utf8GraphQLParser
{
    private DefinitionNode ParseTypeSystemDefinition(Start start, StringValueNode? description)
    {
        switch (_reader.Value)
        {
            case "schema":
                return ParseSchema(start, description, false);
            case "scalar":
            {
                Advance();
                var name = ParseName();
                var directives = ParseDirectives(true);
                return new ScalarTypeDefinitionNode(Finish(start), false, description, name, directives);
            }

            case "type":
            case "interface":
            {
                var isInterface = _reader.Value == "interface";
                Advance();
                var name = ParseName();
                var interfaces = ParseImplementsInterfaces();
                var directives = ParseDirectives(true);
                var fields = ParseFieldsDefinition();
                return isInterface
                    ? new InterfaceTypeDefinitionNode(Finish(start), false, description, name, interfaces, directives, fields)
                    : new ObjectTypeDefinitionNode(Finish(start), false, description, name, interfaces, directives, fields);
            }

            case "union":
            {
                Advance();
                var name = ParseName();
                var directives = ParseDirectives(true);
                var types = ParseUnionMembers();
                return new UnionTypeDefinitionNode(Finish(start), false, description, name, directives, types);
            }

            case "enum":
            {
                Advance();
                var name = ParseName();
                var directives = ParseDirectives(true);
                var values = ParseEnumValues();
                return new EnumTypeDefinitionNode(Finish(start), false, description, name, directives, values);
            }

            case "input":
            {
                Advance();
                var name = ParseName();
                var directives = ParseDirectives(true);
                var fields = ParseInputFields();
                return new InputObjectTypeDefinitionNode(Finish(start), false, description, name, directives, fields);
            }

            default:
                return ParseDirectiveDefinition(start, description);
        }
    }

    private SchemaDefinitionNode ParseSchema(Start start, StringValueNode? description, bool extension)
    {
        ExpectKeyword("schema");
        var directives = ParseDirectives(true);
        var operations = new List<OperationTypeDefinitionNode>();
        if (extension && _reader.Kind != TokenKind.LeftBrace)
        {
            if (directives.Count == 0)
            {
                throw Unexpected();
            }

            return new SchemaDefinitionNode(Finish(start), true, null, directives, operations);
        }

        Expect(TokenKind.LeftBrace);
        do
        {
            var opStart = Mark();
            var operation = ParseOperationType();
            Expect(TokenKind.Colon);
            var type = ParseNamedType();
            operations.Add(new OperationTypeDefinitionNode(Finish(opStart), operation, type));
        }
        while (!Skip(TokenKind.RightBrace));
        return new SchemaDefinitionNode(Finish(start), extension, description, directives, operations);
    }

    private List<NamedTypeNode> ParseImplementsInterfaces()
    {
        var list = new List<NamedTypeNode>();
        if (!SkipKeyword("implements"))
        {
            return list;
        }

        Skip(TokenKind.Ampersand);
        do
        {
            list.Add(ParseNamedType());
        }
        while (Skip(TokenKind.Ampersand));
        return list;
    }

    private List<FieldDefinitionNode> ParseFieldsDefinition()
    {
        var list = new List<FieldDefinitionNode>();
        if (!Skip(TokenKind.LeftBrace))
        {
            return list;
        }

        do
        {
            var start = Mark();
            var description = ParseOptionalDescription();
            var name = ParseName();
            var arguments = ParseArgumentDefinitions();
            Expect(TokenKind.Colon);
            var type = ParseTypeReference();
            var directives = ParseDirectives(true);
            list.Add(new FieldDefinitionNode(Finish(start), description, name, arguments, type, directives));
        }
        while (!Skip(TokenKind.RightBrace));
        return list;
    }

    private List<InputValueDefinitionNode> ParseArgumentDefinitions()
    {
        var list = new List<InputValueDefinitionNode>();
        if (!Skip(TokenKind.LeftParenthesis))
        {
            return list;
        }

        do
        {
            list.Add(ParseInputValueDefinition());
        }
        while (!Skip(TokenKind.RightParenthesis));
        return list;
    }

    private List<InputValueDefinitionNode> ParseInputFields()
    {
        var list = new List<InputValueDefinitionNode>();
        if (!Skip(TokenKind.LeftBrace))
        {
            return list;
        }

        do
        {
            list.Add(ParseInputValueDefinition());
        }
        while (!Skip(TokenKind.RightBrace));
        return list;
    }

    private InputValueDefinitionNode ParseInputValueDefinition()
    {
        var start = Mark();
        var description = ParseOptionalDescription();
        var name = ParseName();
        Expect(TokenKind.Colon);
        var type = ParseTypeReference();
        ValueNode? defaultValue = null;
        if (Skip(TokenKind.Equal))
        {
            defaultValue = ParseValueLiteral(true);
        }

        var directives = ParseDirectives(true);
        return new InputValueDefinitionNode(Finish(start), description, name, type, defaultValue, directives);
    }

    private List<NamedTypeNode> ParseUnionMembers()
    {
        var list = new List<NamedTypeNode>();
        if (!Skip(TokenKind.Equal))
        {
            return list;
        }

        Skip(TokenKind.Pipe);
        do
        {
            list.Add(ParseNamedType());
        }
        while (Skip(TokenKind.Pipe));
        return list;
    }

    private List<EnumValueDefinitionNode> ParseEnumValues()
    {
        var list = new List<EnumValueDefinitionNode>();
        if (!Skip(TokenKind.LeftBrace))
        {
            return list;
        }

        do
        {
            var start = Mark();
            var description = ParseOptionalDescription();
            if (_reader.Kind == TokenKind.Name && _reader.Value is "true" or "false" or "null")
            {
                throw _reader.Error(_reader.Start, $"{TokenDescription()} is reserved and cannot be used for an enum value.");
            }

            var name = ParseName();
            var directives = ParseDirectives(true);
            list.Add(new EnumValueDefinitionNode(Finish(start), description, name, directives));
        }
        while (!Skip(TokenKind.RightBrace));
        return list;
    }

    private DirectiveDefinitionNode ParseDirectiveDefinition(Start start, StringValueNode? description)
    {
        ExpectKeyword("directive");
        Expect(TokenKind.At);
        var name = ParseName();
        var arguments = ParseArgumentDefinitions();
        var repeatable = SkipKeyword("repeatable");
        ExpectKeyword("on");
        Skip(TokenKind.Pipe);
        var locations = new List<NameNode>();
        do
        {
            var location = ParseName();
            if (!DirectiveLocationNames.IsValid(location.Value))
            {
                throw _reader.Error(location.Location.Start, $"Unexpected Name \"{location.Value}\".");
            }

            locations.Add(location);
        }
        while (Skip(TokenKind.Pipe));
        return new DirectiveDefinitionNode(Finish(start), description, name, arguments, repeatable, locations);
    }

    private DefinitionNode ParseTypeSystemExtension()
    {
        var start = Mark();
        ExpectKeyword("extend");
        if (_reader.Kind != TokenKind.Name)
        {
            throw Unexpected();
        }

        switch (_reader.Value)
        {
            case "schema":
                return ParseSchema(start, null, true);
            case "scalar":
            {
                Advance();
                var name = ParseName();
                var directives = ParseDirectives(true);
                RequireAny(directives.Count);
                return new ScalarTypeDefinitionNode(Finish(start), true, null, name, directives);
            }

            case "type":
            case "interface":
            {
                var isInterface = _reader.Value == "interface";
                Advance();
                var name = ParseName();
                var interfaces = ParseImplementsInterfaces();
                var directives = ParseDirectives(true);
                var fields = ParseFieldsDefinition();
                RequireAny(interfaces.Count + directives.Count + fields.Count);
                return isInterface
                    ? new InterfaceTypeDefinitionNode(Finish(start), true, null, name, interfaces, directives, fields)
                    : new ObjectTypeDefinitionNode(Finish(start), true, null, name, interfaces, directives, fields);
            }

            case "union":
            {
                Advance();
                var name = ParseName();
                var directives = ParseDirectives(true);
                var types = ParseUnionMembers();
                RequireAny(directives.Count + types.Count);
                return new UnionTypeDefinitionNode(Finish(start), true, null, name, directives, types);
            }

            case "enum":
            {
                Advance();
                var name = ParseName();
                var directives = ParseDirectives(true);
                var values = ParseEnumValues();
                RequireAny(directives.Count + values.Count);
                return new EnumTypeDefinitionNode(Finish(start), true, null, name, directives, values);
            }

            case "input":
            {
                Advance();
                var name = ParseName();
                var directives = ParseDirectives(true);
                var fields = ParseInputFields();
                RequireAny(directives.Count + fields.Count);
                return new InputObjectTypeDefinitionNode(Finish(start), true, null, name, directives, fields);
            }

            default:
                throw Unexpected();
        }
    }

    private readonly void RequireAny(int count)
    {
        if (count == 0)
        {
            throw Unexpected();
        }
    }

    private StringValueNode? ParseOptionalDescription() =>
        _reader.Kind is TokenKind.String or TokenKind.BlockString ? ParseStringLiteral() : null;
}
