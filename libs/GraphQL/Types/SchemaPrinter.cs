using Twins.GraphQL.Language;

namespace Twins.GraphQL.Types;

/// <summary>Prints a schema as SDL in graphql-js's printSchema layout.</summary>
internal static class SchemaPrinter
{
    private const string DefaultDeprecationReason = "No longer supported";

    public static string Print(Schema schema)
    {
        var parts = new List<string>();
        var definition = PrintSchemaDefinition(schema);
        if (definition is not null)
        {
            parts.Add(definition);
        }

        foreach (var directive in schema.Directives.Values.Where(d => !SchemaBuilder.SpecifiedDirectiveNames.Contains(d.Name)))
        {
            parts.Add(PrintDescription(directive.Description) + "directive @" + directive.Name + PrintArgs(directive.Arguments.Values.ToList(), "") + (directive.IsRepeatable ? " repeatable" : "") + " on " + string.Join(" | ", directive.Locations));
        }

        foreach (var type in schema.Types.Values)
        {
            if (type.Name.StartsWith("__", StringComparison.Ordinal) || BuiltInScalars.Specified.Any(s => s.Name == type.Name))
            {
                continue;
            }

            parts.Add(PrintType(type));
        }

        return string.Join("\n\n", parts);
    }

    private static string? PrintSchemaDefinition(Schema schema)
    {
        var common = schema.QueryType.Name == "Query"
            && (schema.MutationType is null || schema.MutationType.Name == "Mutation")
            && (schema.SubscriptionType is null || schema.SubscriptionType.Name == "Subscription");
        if (schema.Description is null && common)
        {
            return null;
        }

        var lines = new List<string> { "  query: " + schema.QueryType.Name };
        if (schema.MutationType is not null)
        {
            lines.Add("  mutation: " + schema.MutationType.Name);
        }

        if (schema.SubscriptionType is not null)
        {
            lines.Add("  subscription: " + schema.SubscriptionType.Name);
        }

        return PrintDescription(schema.Description) + "schema {\n" + string.Join("\n", lines) + "\n}";
    }

    private static string PrintType(NamedType type) => type switch
    {
        ScalarType s => PrintDescription(s.Description) + "scalar " + s.Name + (s.SpecifiedByUrl is null ? "" : " @specifiedBy(url: " + SyntaxPrinter.PrintString(s.SpecifiedByUrl) + ")"),
        ObjectType o => PrintDescription(o.Description) + "type " + o.Name + PrintInterfaces(o) + PrintFields(o),
        InterfaceType i => PrintDescription(i.Description) + "interface " + i.Name + PrintInterfaces(i) + PrintFields(i),
        UnionType u => PrintDescription(u.Description) + "union " + u.Name + (u.Types.Count > 0 ? " = " + string.Join(" | ", u.Types.Select(t => t.Name)) : ""),
        EnumType e => PrintDescription(e.Description) + "enum " + e.Name + PrintBlock(e.Values.Select((v, i) => PrintDescription(v.Description, "  ", i == 0) + "  " + v.Name + PrintDeprecated(v.DeprecationReason)).ToList()),
        InputObjectType i => PrintDescription(i.Description) + "input " + i.Name + (i.IsOneOf ? " @oneOf" : "") + PrintBlock(i.Fields.Values.Select((f, n) => PrintDescription(f.Description, "  ", n == 0) + "  " + PrintInputValue(f)).ToList()),
        _ => throw new InvalidOperationException("Unknown type."),
    };

    private static string PrintInterfaces(ComplexType type) =>
        type.Interfaces.Count == 0 ? "" : " implements " + string.Join(" & ", type.Interfaces.Select(i => i.Name));

    private static string PrintFields(ComplexType type) =>
        PrintBlock(type.Fields.Values.Select((f, i) => PrintDescription(f.Description, "  ", i == 0) + "  " + f.Name + PrintArgs(f.Arguments.Values.ToList(), "  ") + ": " + f.Type + PrintDeprecated(f.DeprecationReason)).ToList());

    private static string PrintBlock(List<string> items) => items.Count == 0 ? "" : " {\n" + string.Join("\n", items) + "\n}";

    private static string PrintArgs(List<InputField> args, string indentation)
    {
        if (args.Count == 0)
        {
            return "";
        }

        if (args.All(a => a.Description is null))
        {
            return "(" + string.Join(", ", args.Select(PrintInputValue)) + ")";
        }

        return "(\n" + string.Join("\n", args.Select((a, i) => PrintDescription(a.Description, "  " + indentation, i == 0) + "  " + indentation + PrintInputValue(a))) + "\n" + indentation + ")";
    }

    internal static string PrintInputValue(InputField field)
    {
        var text = field.Name + ": " + field.Type;
        var defaultText = DefaultValueText(field);
        if (defaultText is not null)
        {
            text += " = " + defaultText;
        }

        return text + PrintDeprecated(field.DeprecationReason);
    }

    internal static string? DefaultValueText(InputField field)
    {
        if (!field.HasDefaultValue)
        {
            return null;
        }

        var literal = field.DefaultValue is Execution.Undefined ? field.DefaultLiteral : ValueLiterals.FromValue(field.DefaultValue, field.Type);
        return literal is null ? null : SyntaxPrinter.Print(literal);
    }

    private static string PrintDeprecated(string? reason) => reason switch
    {
        null => "",
        DefaultDeprecationReason => " @deprecated",
        _ => " @deprecated(reason: " + SyntaxPrinter.PrintString(reason) + ")",
    };

    private static string PrintDescription(string? description, string indentation = "", bool firstInBlock = true)
    {
        if (description is null)
        {
            return "";
        }

        var block = IsPrintableAsBlockString(description) ? BlockStrings.Print(description) : SyntaxPrinter.PrintString(description);
        var prefix = indentation.Length > 0 && !firstInBlock ? "\n" + indentation : indentation;
        return prefix + block.Replace("\n", "\n" + indentation, StringComparison.Ordinal) + "\n";
    }

    private static bool IsPrintableAsBlockString(string value)
    {
        if (value.Length == 0)
        {
            return true;
        }

        var isEmptyLine = true;
        var hasIndent = false;
        var hasCommonIndent = true;
        var seenNonEmptyLine = false;
        foreach (var c in value)
        {
            switch (c)
            {
                case < '\t' or '\v' or '\f' or (> '\r' and < ' ') or '\r':
                    return false;
                case '\n':
                    if (isEmptyLine && !seenNonEmptyLine)
                    {
                        return false;
                    }

                    seenNonEmptyLine = true;
                    isEmptyLine = true;
                    hasIndent = false;
                    break;
                case '\t' or ' ':
                    hasIndent |= isEmptyLine;
                    break;
                default:
                    hasCommonIndent &= hasIndent;
                    isEmptyLine = false;
                    break;
            }
        }

        return !isEmptyLine && !(hasCommonIndent && seenNonEmptyLine);
    }
}
