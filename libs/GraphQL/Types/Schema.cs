using Twins.GraphQL.Execution;

namespace Twins.GraphQL.Types;

/// <summary>A built, validated and immutable schema. Create one with <see cref="SchemaBuilder"/>.</summary>
public sealed class Schema
{
    private readonly Dictionary<string, IReadOnlyList<ObjectType>> _possibleTypes = new(StringComparer.Ordinal);

    internal Schema(string? description, ObjectType query, ObjectType? mutation, ObjectType? subscription, IReadOnlyDictionary<string, NamedType> types, IReadOnlyDictionary<string, DirectiveType> directives, OutputField schemaField, OutputField typeField, OutputField typeNameField)
    {
        Description = description;
        QueryType = query;
        MutationType = mutation;
        SubscriptionType = subscription;
        Types = types;
        Directives = directives;
        SchemaField = schemaField;
        TypeField = typeField;
        TypeNameField = typeNameField;
        foreach (var type in types.Values)
        {
            if (type is UnionType union)
            {
                _possibleTypes[union.Name] = union.Types;
            }
            else if (type is InterfaceType)
            {
                _possibleTypes[type.Name] = types.Values.OfType<ObjectType>().Where(o => Implements(o, type.Name)).ToList();
            }
        }
    }

    /// <summary>The schema description, or null.</summary>
    public string? Description { get; }

    /// <summary>The query root type.</summary>
    public ObjectType QueryType { get; }

    /// <summary>The mutation root type, or null.</summary>
    public ObjectType? MutationType { get; }

    /// <summary>The subscription root type, or null.</summary>
    public ObjectType? SubscriptionType { get; }

    /// <summary>Every named type, including built-in scalars and introspection types.</summary>
    public IReadOnlyDictionary<string, NamedType> Types { get; }

    /// <summary>Every directive, including the specified ones.</summary>
    public IReadOnlyDictionary<string, DirectiveType> Directives { get; }

    internal OutputField SchemaField { get; }

    internal OutputField TypeField { get; }

    internal OutputField TypeNameField { get; }

    /// <summary>Finds a named type.</summary>
    public NamedType? GetType(string name) => Types.GetValueOrDefault(name);

    /// <summary>The object types that an interface or union may resolve to.</summary>
    public IReadOnlyList<ObjectType> GetPossibleTypes(NamedType abstractType)
    {
        ArgumentNullException.ThrowIfNull(abstractType);
        return abstractType is ObjectType o ? [o] : _possibleTypes.GetValueOrDefault(abstractType.Name) ?? [];
    }

    /// <summary>True if <paramref name="maybeSubType"/> is a member / implementation of <paramref name="abstractType"/>.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Part of the schema's API, like graphql-js GraphQLSchema.isSubType.")]
    public bool IsSubType(NamedType abstractType, NamedType maybeSubType)
    {
        ArgumentNullException.ThrowIfNull(abstractType);
        ArgumentNullException.ThrowIfNull(maybeSubType);
        return abstractType switch
        {
            UnionType union => maybeSubType is ObjectType o && union.Types.Contains(o),
            InterfaceType => maybeSubType is ComplexType complex && Implements(complex, abstractType.Name),
            _ => false,
        };
    }

    /// <summary>Prints the schema as SDL, as graphql-js's printSchema does (built-ins left out).</summary>
    public string Print() => SchemaPrinter.Print(this);

    /// <summary>Finds a field of a composite type, including the meta fields <c>__typename</c>, <c>__schema</c> and <c>__type</c>.</summary>
    public OutputField? GetField(NamedType parentType, string fieldName)
    {
        ArgumentNullException.ThrowIfNull(parentType);
        if (fieldName == "__typename" && parentType.IsComposite)
        {
            return TypeNameField;
        }

        if (ReferenceEquals(parentType, QueryType))
        {
            if (fieldName == "__schema")
            {
                return SchemaField;
            }

            if (fieldName == "__type")
            {
                return TypeField;
            }
        }

        return parentType is ComplexType complex ? complex.Fields.GetValueOrDefault(fieldName) : null;
    }

    internal static bool Implements(ComplexType type, string interfaceName)
    {
        foreach (var implemented in type.Interfaces)
        {
            if (implemented.Name == interfaceName)
            {
                return true;
            }
        }

        return false;
    }

    internal ObjectType? ResolveAbstractType(NamedType abstractType, object value, IResolverContext context)
    {
        var resolver = abstractType switch
        {
            InterfaceType i => i.ResolveType,
            UnionType u => u.ResolveType,
            _ => null,
        };
        string? name = null;
        if (resolver is not null)
        {
            name = resolver(value, context);
        }
        else if (value is IReadOnlyDictionary<string, object?> map && map.TryGetValue("__typename", out var typename))
        {
            name = typename as string;
        }
        else if (value is IDictionary<string, object?> dictionary && dictionary.TryGetValue("__typename", out var typename2))
        {
            name = typename2 as string;
        }
        else
        {
            foreach (var candidate in GetPossibleTypes(abstractType))
            {
                if (candidate.IsTypeOf is { } isTypeOf ? isTypeOf(value) : candidate.Name == value.GetType().Name)
                {
                    return candidate;
                }
            }
        }

        if (name is null)
        {
            throw new GraphQLException($"Abstract type \"{abstractType.Name}\" must resolve to an Object type at runtime for field \"{context.ObjectType.Name}.{context.Field.Name}\". Either the \"{abstractType.Name}\" type should provide a \"resolveType\" function or each possible type should provide an \"isTypeOf\" function.");
        }

        if (GetType(name) is not ObjectType objectType)
        {
            throw new GraphQLException($"Abstract type \"{abstractType.Name}\" was resolved to a type \"{name}\" that does not exist inside the schema.");
        }

        if (!IsSubType(abstractType, objectType))
        {
            throw new GraphQLException($"Runtime Object type \"{objectType.Name}\" is not a possible type for \"{abstractType.Name}\".");
        }

        return objectType;
    }
}
