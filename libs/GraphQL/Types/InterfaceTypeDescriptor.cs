using Twins.GraphQL.Execution;
using Twins.GraphQL.Types.Internal;

namespace Twins.GraphQL.Types;

/// <summary>Configures an interface type in code.</summary>
public sealed class InterfaceTypeDescriptor
{
    private readonly TypeConfig _config;

    internal InterfaceTypeDescriptor(TypeConfig config)
    {
        _config = config;
    }

    /// <summary>Sets the description.</summary>
    public InterfaceTypeDescriptor Description(string description)
    {
        _config.Description = description;
        return this;
    }

    /// <summary>Declares that the interface implements another interface.</summary>
    public InterfaceTypeDescriptor Implements(string interfaceName)
    {
        _config.Interfaces.Add(interfaceName);
        return this;
    }

    /// <summary>Sets how a runtime value finds its object type.</summary>
    public InterfaceTypeDescriptor ResolveType(TypeResolver resolveType)
    {
        _config.ResolveType = resolveType;
        return this;
    }

    /// <summary>Declares a field.</summary>
    public FieldDescriptor Field(string name) => new(_config.Field(name));
}
