using Twins.GraphQL.Types.Internal;

namespace Twins.GraphQL.Types;

/// <summary>Configures an input object type in code.</summary>
public sealed class InputObjectTypeDescriptor
{
    private readonly TypeConfig _config;

    internal InputObjectTypeDescriptor(TypeConfig config)
    {
        _config = config;
    }

    /// <summary>Sets the description.</summary>
    public InputObjectTypeDescriptor Description(string description)
    {
        _config.Description = description;
        return this;
    }

    /// <summary>Makes this a <c>@oneOf</c> input object: exactly one field must be given.</summary>
    public InputObjectTypeDescriptor OneOf()
    {
        _config.IsOneOf = true;
        return this;
    }

    /// <summary>Adds a field of type <paramref name="type"/> (SDL syntax, such as <c>"[ID!]!"</c>).</summary>
    public InputObjectTypeDescriptor Field(string name, string type, Action<InputValueDescriptor>? configure = null)
    {
        var field = new InputValueConfig(name) { Type = Language.Utf8GraphQLParser.ParseType(type) };
        configure?.Invoke(new InputValueDescriptor(field));
        _config.InputFields.Add(field);
        return this;
    }
}
