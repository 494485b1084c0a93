using System.Text;

namespace Twins.GraphQL.Language;

/// <summary>Prints syntax trees in the canonical layout graphql-js's <c>print</c> produces.</summary>
internal static class SyntaxPrinter
{
    private const int MaxLineLength = 80;

    public static string Print(SyntaxNode node) => node switch
    {
        NameNode n => n.Value,
        VariableNode v => "$" + v.Name.Value,
        DocumentNode d => Join(d.Definitions.Select(Print), "\n\n"),
        OperationDefinitionNode o => PrintOperation(o),
        VariableDefinitionNode v => Print(v.Variable) + ": " + Print(v.Type) + Wrap(" = ", v.DefaultValue is null ? null : Print(v.DefaultValue)) + Wrap(" ", Directives(v.Directives)),
        SelectionSetNode s => Block(s.Selections.Select(Print)),
        FieldNode f => PrintField(f),
        ArgumentNode a => a.Name.Value + ": " + Print(a.Value),
        FragmentSpreadNode s => "..." + s.Name.Value + Wrap(" ", Directives(s.Directives)),
        InlineFragmentNode i => Join(["...", Wrap("on ", i.TypeCondition is null ? null : Print(i.TypeCondition)), Directives(i.Directives), Print(i.SelectionSet)], " "),
        FragmentDefinitionNode f => Wrap("", f.Description is null ? null : Print(f.Description), "\n") + $"fragment {f.Name.Value} on {f.TypeCondition.Name.Value} {Wrap("", Directives(f.Directives), " ")}" + Print(f.SelectionSet),
        IntValueNode i => i.Value,
        FloatValueNode f => f.Value,
        StringValueNode s => s.Block ? BlockStrings.Print(s.Value) : PrintString(s.Value),
        BooleanValueNode b => b.Value ? "true" : "false",
        NullValueNode => "null",
        EnumValueNode e => e.Value,
        ListValueNode l => "[" + Join(l.Values.Select(Print), ", ") + "]",
        ObjectValueNode o => "{" + Join(o.Fields.Select(Print), ", ") + "}",
        ObjectFieldNode f => f.Name.Value + ": " + Print(f.Value),
        DirectiveNode d => "@" + d.Name.Value + Wrap("(", Join(d.Arguments.Select(Print), ", "), ")"),
        NamedTypeNode n => n.Name.Value,
        ListTypeNode l => "[" + Print(l.Type) + "]",
        NonNullTypeNode n => Print(n.Type) + "!",
        SchemaDefinitionNode s => Description(s.Description) + Join([s.IsExtension ? "extend schema" : "schema", Directives(s.Directives), Block(s.OperationTypes.Select(Print))], " "),
        OperationTypeDefinitionNode o => OperationName(o.Operation) + ": " + Print(o.Type),
        ScalarTypeDefinitionNode s => Description(s.Description) + Join([Keyword("scalar", s.IsExtension), s.Name.Value, Directives(s.Directives)], " "),
        ObjectTypeDefinitionNode o => Description(o.Description) + Join([Keyword("type", o.IsExtension), o.Name.Value, Wrap("implements ", Join(o.Interfaces.Select(Print), " & ")), Directives(o.Directives), Block(o.Fields.Select(Print))], " "),
        InterfaceTypeDefinitionNode o => Description(o.Description) + Join([Keyword("interface", o.IsExtension), o.Name.Value, Wrap("implements ", Join(o.Interfaces.Select(Print), " & ")), Directives(o.Directives), Block(o.Fields.Select(Print))], " "),
        FieldDefinitionNode f => Description(f.Description) + f.Name.Value + Arguments(f.Arguments) + ": " + Print(f.Type) + Wrap(" ", Directives(f.Directives)),
        InputValueDefinitionNode i => Description(i.Description) + Join([i.Name.Value + ": " + Print(i.Type), Wrap("= ", i.DefaultValue is null ? null : Print(i.DefaultValue)), Directives(i.Directives)], " "),
        UnionTypeDefinitionNode u => Description(u.Description) + Join([Keyword("union", u.IsExtension), u.Name.Value, Directives(u.Directives), Wrap("= ", Join(u.Types.Select(Print), " | "))], " "),
        EnumTypeDefinitionNode e => Description(e.Description) + Join([Keyword("enum", e.IsExtension), e.Name.Value, Directives(e.Directives), Block(e.Values.Select(Print))], " "),
        EnumValueDefinitionNode e => Description(e.Description) + Join([e.Name.Value, Directives(e.Directives)], " "),
        InputObjectTypeDefinitionNode i => Description(i.Description) + Join([Keyword("input", i.IsExtension), i.Name.Value, Directives(i.Directives), Block(i.Fields.Select(Print))], " "),
        DirectiveDefinitionNode d => Description(d.Description) + "directive @" + d.Name.Value + Arguments(d.Arguments) + (d.Repeatable ? " repeatable" : "") + " on " + Join(d.Locations.Select(l => l.Value), " | "),
        _ => throw new ArgumentException($"Cannot print {node.GetType().Name}.", nameof(node)),
    };

    /// <summary>Prints a string as a GraphQL string literal, escaping as graphql-js does.</summary>
    public static string PrintString(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\t': builder.Append("\\t"); break;
                case '\n': builder.Append("\\n"); break;
                case '\f': builder.Append("\\f"); break;
                case '\r': builder.Append("\\r"); break;
                case < ' ' or (>= '\u007f' and <= '\u009f'):
                    builder.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                    break;
                default: builder.Append(c); break;
            }
        }

        return builder.Append('"').ToString();
    }

    public static string OperationName(OperationType operation) => operation switch
    {
        OperationType.Query => "query",
        OperationType.Mutation => "mutation",
        _ => "subscription",
    };

    private static string PrintOperation(OperationDefinitionNode o)
    {
        var variables = Wrap("(", Join(o.VariableDefinitions.Select(Print), ", "), ")");
        var prefix = Join([OperationName(o.Operation), Join([o.Name?.Value, variables], ""), Directives(o.Directives)], " ");
        var body = (prefix == "query" ? "" : prefix + " ") + Print(o.SelectionSet);
        return Description(o.Description) + body;
    }

    private static string PrintField(FieldNode f)
    {
        var prefix = Wrap("", f.Alias?.Value, ": ") + f.Name.Value;
        var arguments = f.Arguments.Select(Print).ToList();
        var line = prefix + Wrap("(", Join(arguments, ", "), ")");
        if (line.Length > MaxLineLength)
        {
            line = prefix + Wrap("(\n", Indent(Join(arguments, "\n")), "\n)");
        }

        return Join([line, Directives(f.Directives), f.SelectionSet is null ? null : Print(f.SelectionSet)], " ");
    }

    private static string Arguments(IReadOnlyList<InputValueDefinitionNode> arguments)
    {
        var printed = arguments.Select(Print).ToList();
        return printed.Any(a => a.Contains('\n', StringComparison.Ordinal))
            ? Wrap("(\n", Indent(Join(printed, "\n")), "\n)")
            : Wrap("(", Join(printed, ", "), ")");
    }

    private static string Keyword(string keyword, bool extension) => extension ? "extend " + keyword : keyword;

    private static string Description(StringValueNode? description) => description is null ? "" : Print(description) + "\n";

    private static string Directives(IReadOnlyList<DirectiveNode> directives) => Join(directives.Select(Print), " ");

    private static string Block(IEnumerable<string> items) => Wrap("{\n", Indent(Join(items, "\n")), "\n}");

    private static string Indent(string value) => Wrap("  ", value.Replace("\n", "\n  ", StringComparison.Ordinal));

    private static string Wrap(string start, string? value, string end = "") => string.IsNullOrEmpty(value) ? "" : start + value + end;

    private static string Join(IEnumerable<string?> items, string separator) => string.Join(separator, items.Where(i => !string.IsNullOrEmpty(i)));
}
