using Twins.GraphQL.Types.Internal;

namespace Twins.GraphQL.Types;

/// <summary>Configures an argument or input field in code.</summary>
public sealed class InputValueDescriptor
{
    private readonly InputValueConfig _config;

    internal InputValueDescriptor(InputValueConfig config)
    {
        _config = config;
    }

    /// <summary>Sets the description.</summary>
    public InputValueDescriptor Description(string description)
    {
        _config.Description = description;
        return this;
    }

    /// <summary>Sets the default value (a plain value: string, number, bool, list, dictionary, or an enum's runtime value).</summary>
    public InputValueDescriptor DefaultValue(object? value)
    {
        _config.HasClrDefault = true;
        _config.ClrDefault = value;
        return this;
    }

    /// <summary>Sets the default value as a GraphQL literal, such as <c>"{ first: 10 }"</c>.</summary>
    public InputValueDescriptor DefaultLiteral(string literal)
    {
        _config.DefaultLiteral = Language.Utf8GraphQLParser.ParseValue(literal);
        return this;
    }

    /// <summary>Marks it deprecated.</summary>
    public InputValueDescriptor Deprecated(string reason = "No longer supported")
    {
        _config.DeprecationReason = reason;
        return this;
    }
}
