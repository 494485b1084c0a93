using Twins.GraphQL.Execution;
using Twins.GraphQL.Language;
using Twins.GraphQL.Types.Internal;

namespace Twins.GraphQL.Types;

/// <summary>
/// Builds a <see cref="Schema"/> from SDL, code-first descriptors, or both: types may be declared in SDL
/// and given resolvers in code. <see cref="Create"/> validates the whole schema and lists every problem.
/// </summary>
public sealed partial class SchemaBuilder
{
    internal static readonly HashSet<string> SpecifiedDirectiveNames = new(["include", "skip", "deprecated", "specifiedBy", "oneOf"], StringComparer.Ordinal);

    private readonly List<TypeConfig> _types = [];
    private readonly Dictionary<string, TypeConfig> _typesByName = new(StringComparer.Ordinal);
    private readonly List<DirectiveDefinitionNode> _directives = [];
    private readonly List<string> _errors = [];
    private readonly Dictionary<OperationType, string> _rootTypes = [];
    private readonly List<(string TypeName, Type ResolverType)> _resolverClasses = [];
    private string? _description;

    /// <summary>Starts a new builder.</summary>
    public static SchemaBuilder New() => new();

    /// <summary>Adds types, extensions, directives and a schema definition written in SDL.</summary>
    public SchemaBuilder AddTypeDefinitions(string sdl)
    {
        ArgumentNullException.ThrowIfNull(sdl);
        AddDocument(Utf8GraphQLParser.Parse(sdl));
        return this;
    }

    /// <summary>Sets the schema description.</summary>
    public SchemaBuilder Description(string description)
    {
        _description = description;
        return this;
    }

    /// <summary>Sets the resolver of <paramref name="typeName"/>.<paramref name="fieldName"/> (declared in SDL or code).</summary>
    public SchemaBuilder AddResolver(string typeName, string fieldName, FieldResolver resolver)
    {
        GetOrAdd(TypeKind.Object, typeName, false).Field(fieldName).Resolver = resolver;
        return this;
    }

    /// <summary>Sets a synchronous resolver of <paramref name="typeName"/>.<paramref name="fieldName"/>.</summary>
    public SchemaBuilder AddResolver(string typeName, string fieldName, Func<IResolverContext, object?> resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        return AddResolver(typeName, fieldName, context => new ValueTask<object?>(resolver(context)));
    }

    /// <summary>
    /// Uses the public methods of <typeparamref name="TResolvers"/> as the resolvers of
    /// <paramref name="typeName"/>'s fields: <c>GetVehicleAsync(string id, [Parent] Fleet fleet,
    /// VehicleStore store, CancellationToken cancellationToken)</c> resolves <c>vehicle(id:)</c>, with the
    /// argument, the parent value, a request service and the request's cancellation bound by parameter.
    /// </summary>
    public SchemaBuilder AddResolvers<TResolvers>(string typeName)
    {
        _resolverClasses.Add((typeName, typeof(TResolvers)));
        GetOrAdd(TypeKind.Object, typeName, false);
        return this;
    }

    /// <summary>Sets the event stream of a subscription root field; each event is the parent value of the field's selection.</summary>
    public SchemaBuilder AddSubscriber(string typeName, string fieldName, SubscribeResolver subscriber)
    {
        GetOrAdd(TypeKind.Object, typeName, false).Field(fieldName).Subscriber = subscriber;
        return this;
    }

    /// <summary>Sets how values of an interface or union find their object type.</summary>
    public SchemaBuilder AddTypeResolver(string abstractTypeName, TypeResolver resolveType)
    {
        GetOrAdd(TypeKind.Interface, abstractTypeName, false).ResolveType = resolveType;
        return this;
    }

    /// <summary>Declares or extends the query root type <c>Query</c>.</summary>
    public SchemaBuilder AddQueryType(Action<ObjectTypeDescriptor> configure) => AddRootType(OperationType.Query, "Query", configure);

    /// <summary>Declares or extends the mutation root type <c>Mutation</c>.</summary>
    public SchemaBuilder AddMutationType(Action<ObjectTypeDescriptor> configure) => AddRootType(OperationType.Mutation, "Mutation", configure);

    /// <summary>Declares or extends the subscription root type <c>Subscription</c>.</summary>
    public SchemaBuilder AddSubscriptionType(Action<ObjectTypeDescriptor> configure) => AddRootType(OperationType.Subscription, "Subscription", configure);

    /// <summary>Declares or extends an object type.</summary>
    public SchemaBuilder AddObjectType(string name, Action<ObjectTypeDescriptor> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(new ObjectTypeDescriptor(GetOrAdd(TypeKind.Object, name, true)));
        return this;
    }

    /// <summary>Declares or extends an interface type.</summary>
    public SchemaBuilder AddInterfaceType(string name, Action<InterfaceTypeDescriptor> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(new InterfaceTypeDescriptor(GetOrAdd(TypeKind.Interface, name, true)));
        return this;
    }

    /// <summary>Declares or extends a union type.</summary>
    public SchemaBuilder AddUnionType(string name, Action<UnionTypeDescriptor> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(new UnionTypeDescriptor(GetOrAdd(TypeKind.Union, name, true)));
        return this;
    }

    /// <summary>Declares or extends an enum type.</summary>
    public SchemaBuilder AddEnumType(string name, Action<EnumTypeDescriptor> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(new EnumTypeDescriptor(GetOrAdd(TypeKind.Enum, name, true)));
        return this;
    }

    /// <summary>Declares an enum type from a C# enum: values are the member names in UPPER_SNAKE_CASE and map to the members.</summary>
    public SchemaBuilder AddEnumType<TEnum>(string? name = null)
        where TEnum : struct, Enum
    {
        return AddEnumType(name ?? typeof(TEnum).Name, d =>
        {
            foreach (var value in Enum.GetValues<TEnum>())
            {
                d.Value(EnumTypeDescriptor.ToConstantCase(value.ToString()), value);
            }
        });
    }

    /// <summary>Declares or extends an input object type.</summary>
    public SchemaBuilder AddInputObjectType(string name, Action<InputObjectTypeDescriptor> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(new InputObjectTypeDescriptor(GetOrAdd(TypeKind.InputObject, name, true)));
        return this;
    }

    /// <summary>Adds a scalar (a custom one, or <see cref="BuiltInScalars.DateTime"/> / <see cref="BuiltInScalars.Json"/>).</summary>
    public SchemaBuilder AddScalarType(ScalarType scalar)
    {
        ArgumentNullException.ThrowIfNull(scalar);
        var config = GetOrAdd(TypeKind.Scalar, scalar.Name, true);
        config.Scalar = scalar;
        config.Description ??= scalar.Description;
        config.SpecifiedByUrl ??= scalar.SpecifiedByUrl;
        return this;
    }

    private SchemaBuilder AddRootType(OperationType operation, string name, Action<ObjectTypeDescriptor> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _rootTypes.TryAdd(operation, name);
        return AddObjectType(_rootTypes[operation], configure);
    }

    private TypeConfig GetOrAdd(TypeKind kind, string name, bool declaring)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (_typesByName.TryGetValue(name, out var existing))
        {
            if (declaring)
            {
                if (!existing.Declared)
                {
                    existing.Kind = kind;
                    existing.Declared = true;
                }
                else if (existing.Kind != kind)
                {
                    _errors.Add($"Type \"{name}\" is declared both as {existing.Kind} and as {kind}.");
                }
            }

            return existing;
        }

        var config = new TypeConfig(kind, name) { Declared = declaring };
        _types.Add(config);
        _typesByName[name] = config;
        return config;
    }
}
