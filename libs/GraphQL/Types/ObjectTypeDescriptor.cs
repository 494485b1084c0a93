using Twins.GraphQL.Types.Internal;

namespace Twins.GraphQL.Types;

/// <summary>Configures an object type in code.</summary>
public sealed class ObjectTypeDescriptor
{
    private readonly TypeConfig _config;

    internal ObjectTypeDescriptor(TypeConfig config)
    {
        _config = config;
    }

    /// <summary>Sets the description.</summary>
    public ObjectTypeDescriptor Description(string description)
    {
        _config.Description = description;
        return this;
    }

    /// <summary>Declares that the type implements an interface.</summary>
    public ObjectTypeDescriptor Implements(string interfaceName)
    {
        _config.Interfaces.Add(interfaceName);
        return this;
    }

    /// <summary>Tells abstract types whether a runtime value is of this type.</summary>
    public ObjectTypeDescriptor IsTypeOf(Func<object, bool> isTypeOf)
    {
        _config.IsTypeOf = isTypeOf;
        return this;
    }

    /// <summary>Declares (or reconfigures) a field; give it a type with <see cref="FieldDescriptor.Type(string)"/>.</summary>
    public FieldDescriptor Field(string name) => new(_config.Field(name));
}
