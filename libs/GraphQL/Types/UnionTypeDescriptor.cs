using Twins.GraphQL.Execution;
using Twins.GraphQL.Types.Internal;

namespace Twins.GraphQL.Types;

/// <summary>Configures a union type in code.</summary>
public sealed class UnionTypeDescriptor
{
    private readonly TypeConfig _config;

    internal UnionTypeDescriptor(TypeConfig config)
    {
        _config = config;
    }

    /// <summary>Sets the description.</summary>
    public UnionTypeDescriptor Description(string description)
    {
        _config.Description = description;
        return this;
    }

    /// <summary>Adds member object types.</summary>
    public UnionTypeDescriptor Types(params string[] typeNames)
    {
        _config.Members.AddRange(typeNames);
        return this;
    }

    /// <summary>Sets how a runtime value finds its object type.</summary>
    public UnionTypeDescriptor ResolveType(TypeResolver resolveType)
    {
        _config.ResolveType = resolveType;
        return this;
    }
}
