using Twins.GraphQL.Execution;
using Twins.GraphQL.Language;
using Twins.GraphQL.Types.Internal;

namespace Twins.GraphQL.Types;

/// <summary>Turning declarations into a validated schema.</summary>
public sealed partial class SchemaBuilder
{
    private static readonly Lazy<DocumentNode> BuiltIns = new(() =>
    {
        using var stream = typeof(SchemaBuilder).Assembly.GetManifestResourceStream("Twins.GraphQL.BuiltIns.graphql")
            ?? throw new InvalidOperationException("The built-in definitions resource is missing.");
        using var reader = new StreamReader(stream);
        return Utf8GraphQLParser.Parse(reader.ReadToEnd());
    });

    /// <summary>Builds and validates the schema; throws <see cref="SchemaException"/> listing every problem.</summary>
    public Schema Create()
    {
        var errors = new List<string>(_errors);
        foreach (var (typeName, resolverType) in _resolverClasses)
        {
            Internal.ResolverMethodBinder.Bind(_typesByName[typeName], resolverType, errors);
        }

        var builtIns = new SchemaBuilder();
        builtIns.AddDocument(BuiltIns.Value);
        Introspection.AddResolvers(builtIns);

        var configs = new List<TypeConfig>(_types.Where(t => t.Declared || t.Fields.Any(f => f.Type is not null)));
        foreach (var undeclared in _types.Where(t => !t.Declared && t.Fields.All(f => f.Type is null)))
        {
            errors.Add($"Resolvers were given for type \"{undeclared.Name}\", which is not defined.");
        }

        var named = new Dictionary<string, NamedType>(StringComparer.Ordinal);
        foreach (var config in configs)
        {
            if (config.Name.StartsWith("__", StringComparison.Ordinal))
            {
                errors.Add($"Name \"{config.Name}\" must not begin with \"__\", which is reserved by GraphQL introspection.");
            }

            named[config.Name] = CreateNamed(config);
        }

        foreach (var scalar in BuiltInScalars.Specified)
        {
            named.TryAdd(scalar.Name, scalar);
        }

        foreach (var config in builtIns._types)
        {
            named[config.Name] = CreateNamed(config);
        }

        // Scalars Twins provides may be used without declaring them.
        foreach (var reference in configs.SelectMany(ReferencedNames).Distinct(StringComparer.Ordinal).ToList())
        {
            if (!named.ContainsKey(reference) && reference is "DateTime" or "JSON")
            {
                named[reference] = reference == "DateTime" ? BuiltInScalars.DateTime : BuiltInScalars.Json;
            }
        }

        var resolver = new TypeReferenceResolver(named, errors);
        foreach (var config in configs.Concat(builtIns._types))
        {
            Complete(named[config.Name], config, resolver);
        }

        var directives = new OrderedDictionary<string, DirectiveType>(StringComparer.Ordinal);
        foreach (var node in _directives.Concat(builtIns._directives.Where(b => !_directives.Any(d => d.Name.Value == b.Name.Value))))
        {
            if (directives.ContainsKey(node.Name.Value))
            {
                errors.Add($"There can be only one directive named \"@{node.Name.Value}\".");
            }

            directives[node.Name.Value] = new DirectiveType(
                node.Name.Value,
                node.Description?.Value,
                CreateInputFields(node.Arguments.Select(ToInputValue), resolver, $"@{node.Name.Value}"),
                node.Locations.Select(l => l.Value).ToList(),
                node.Repeatable);
        }

        ObjectType? Root(OperationType operation, string defaultName)
        {
            var name = _rootTypes.GetValueOrDefault(operation);
            if (name is null)
            {
                return named.GetValueOrDefault(defaultName) as ObjectType;
            }

            if (named.GetValueOrDefault(name) is ObjectType root)
            {
                return root;
            }

            errors.Add($"{operation} root type must be Object type, it cannot be {name}.");
            return null;
        }

        var query = Root(OperationType.Query, "Query");
        var mutation = Root(OperationType.Mutation, "Mutation");
        var subscription = Root(OperationType.Subscription, "Subscription");
        if (query is null)
        {
            errors.Add("Query root type must be provided.");
        }

        foreach (var group in new[] { ("query", query), ("mutation", mutation), ("subscription", subscription) }.Where(r => r.Item2 is not null).GroupBy(r => r.Item2!.Name, StringComparer.Ordinal))
        {
            if (group.Count() > 1)
            {
                errors.Add($"All root types must be different, \"{group.Key}\" type is used as {string.Join(" and ", group.Select(g => g.Item1))} root types.");
            }
        }

        var typeNameField = new OutputField("__typename", "The name of the current Object type at runtime.", new NonNullType(BuiltInScalars.String), new Dictionary<string, InputField>(), null, Introspection.TypeName, null, 0);
        var schemaField = new OutputField("__schema", "Access the current type schema of this server.", new NonNullType(named["__Schema"]), new Dictionary<string, InputField>(), null, Introspection.SchemaRoot, null, 0);
        var typeArgs = new Dictionary<string, InputField>(StringComparer.Ordinal) { ["name"] = new InputField("name", null, new NonNullType(BuiltInScalars.String), null, null) };
        var typeField = new OutputField("__type", "Request the type information of a single type.", named["__Type"], typeArgs, null, Introspection.TypeRoot, null, 0);

        SchemaValidator.Validate(named.Values, errors);
        if (errors.Count > 0)
        {
            throw new SchemaException(errors);
        }

        var ordered = OrderTypes(configs.Select(c => named[c.Name]), query, mutation, subscription, directives.Values, named["__Schema"]);
        var schema = new Schema(_description, query!, mutation, subscription, ordered, directives, schemaField, typeField, typeNameField);
        var inputs = named.Values.SelectMany(AllInputFields).Concat(directives.Values.SelectMany(d => d.Arguments.Values));
        foreach (var input in inputs)
        {
            if (input.DefaultLiteral is not null && input.DefaultValue is Undefined)
            {
                input.DefaultValue = ValueCoercion.CoerceDefault(input);
            }
        }

        return schema;
    }

    /// <summary>Orders types as graphql-js's GraphQLSchema constructor does, so introspection lists them in the same order.</summary>
    private static OrderedDictionary<string, NamedType> OrderTypes(IEnumerable<NamedType> declared, ObjectType? query, ObjectType? mutation, ObjectType? subscription, IEnumerable<DirectiveType> directives, NamedType schemaType)
    {
        var set = new OrderedDictionary<string, NamedType>(StringComparer.Ordinal);
        var declaredList = declared.ToList();
        foreach (var type in declaredList)
        {
            set[type.Name] = type;
        }

        void Collect(IGraphQLType reference)
        {
            var type = reference.NamedType();
            if (!set.TryAdd(type.Name, type))
            {
                return;
            }

            switch (type)
            {
                case UnionType union:
                    foreach (var member in union.Types)
                    {
                        Collect(member);
                    }

                    break;
                case ComplexType complex:
                    foreach (var iface in complex.Interfaces)
                    {
                        Collect(iface);
                    }

                    foreach (var field in complex.Fields.Values)
                    {
                        Collect(field.Type);
                        foreach (var argument in field.Arguments.Values)
                        {
                            Collect(argument.Type);
                        }
                    }

                    break;
                case InputObjectType input:
                    foreach (var field in input.Fields.Values)
                    {
                        Collect(field.Type);
                    }

                    break;
                default:
                    break;
            }
        }

        foreach (var type in declaredList)
        {
            set.Remove(type.Name);
            Collect(type);
        }

        foreach (var root in new[] { query, mutation, subscription })
        {
            if (root is not null)
            {
                Collect(root);
            }
        }

        foreach (var directive in directives)
        {
            foreach (var argument in directive.Arguments.Values)
            {
                Collect(argument.Type);
            }
        }

        Collect(schemaType);
        return set;
    }

    private static IEnumerable<InputField> AllInputFields(NamedType type) => type switch
    {
        InputObjectType input => input.Fields.Values,
        ComplexType complex => complex.Fields.Values.SelectMany(f => f.Arguments.Values),
        _ => [],
    };

    private static IEnumerable<string> ReferencedNames(TypeConfig config)
    {
        static string Name(TypeNode? node) => node switch
        {
            NamedTypeNode n => n.Name.Value,
            ListTypeNode l => Name(l.Type),
            NonNullTypeNode n => Name(n.Type),
            _ => "",
        };

        foreach (var field in config.Fields)
        {
            yield return Name(field.Type);
            foreach (var argument in field.Arguments)
            {
                yield return Name(argument.Type);
            }
        }

        foreach (var input in config.InputFields)
        {
            yield return Name(input.Type);
        }
    }

    private static NamedType CreateNamed(TypeConfig config) => config.Kind switch
    {
        TypeKind.Scalar => config.Scalar is { } scalar && scalar.Description == config.Description && scalar.SpecifiedByUrl == config.SpecifiedByUrl
            ? scalar
            : new DelegatingScalarType(config.Name, config.Description, config.SpecifiedByUrl, config.Scalar),
        TypeKind.Object => new ObjectType(config.Name, config.Description, config.IsTypeOf),
        TypeKind.Interface => new InterfaceType(config.Name, config.Description, config.ResolveType),
        TypeKind.Union => new UnionType(config.Name, config.Description, config.ResolveType),
        TypeKind.Enum => new EnumType(config.Name, config.Description, config.Values.Select(v => new EnumValue(v.Name, v.Description, v.DeprecationReason, v.Value ?? v.Name)).ToList()),
        _ => new InputObjectType(config.Name, config.Description, config.IsOneOf),
    };

    private static void Complete(NamedType type, TypeConfig config, TypeReferenceResolver resolver)
    {
        switch (type)
        {
            case ComplexType complex:
                complex.Interfaces = config.Interfaces.Select(name => resolver.Interface(name, complex.Name)).OfType<InterfaceType>().ToList();
                var fields = new OrderedDictionary<string, OutputField>(StringComparer.Ordinal);
                foreach (var field in config.Fields)
                {
                    if (field.Type is null)
                    {
                        resolver.Errors.Add($"A resolver was given for {config.Name}.{field.Name}, which is not defined.");
                        continue;
                    }

                    var fieldType = resolver.Resolve(field.Type);
                    if (fieldType is null)
                    {
                        continue;
                    }

                    fields[field.Name] = new OutputField(
                        field.Name,
                        field.Description,
                        fieldType,
                        CreateInputFields(field.Arguments, resolver, $"{config.Name}.{field.Name}"),
                        field.DeprecationReason,
                        field.Resolver,
                        field.Subscriber,
                        field.Cost);
                }

                complex.Fields = fields;
                break;
            case UnionType union:
                union.Types = config.Members.Select(m => resolver.Member(m, union.Name)).OfType<ObjectType>().ToList();
                break;
            case InputObjectType input:
                input.Fields = CreateInputFields(config.InputFields, resolver, input.Name);
                break;
            default:
                break;
        }
    }

    private static OrderedDictionary<string, InputField> CreateInputFields(IEnumerable<InputValueConfig> values, TypeReferenceResolver resolver, string owner)
    {
        var result = new OrderedDictionary<string, InputField>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var type = resolver.Resolve(value.Type!);
            if (type is null)
            {
                continue;
            }

            if (result.ContainsKey(value.Name))
            {
                resolver.Errors.Add($"Argument or input field \"{owner}.{value.Name}\" is defined more than once.");
            }

            var literal = value.DefaultLiteral;
            if (literal is null && value.HasClrDefault)
            {
                literal = ValueLiterals.FromValue(value.ClrDefault, type) ?? new NullValueNode(default);
            }

            result[value.Name] = new InputField(value.Name, value.Description, type, literal, value.DeprecationReason);
        }

        return result;
    }

    /// <summary>Resolves type references against the named types, collecting errors.</summary>
    private sealed class TypeReferenceResolver(Dictionary<string, NamedType> named, List<string> errors)
    {
        public List<string> Errors => errors;

        public IGraphQLType? Resolve(TypeNode node)
        {
            switch (node)
            {
                case NonNullTypeNode nonNull:
                    var inner = Resolve(nonNull.Type);
                    return inner is null ? null : new NonNullType(inner);
                case ListTypeNode list:
                    var item = Resolve(list.Type);
                    return item is null ? null : new ListType(item);
                case NamedTypeNode name:
                    if (named.TryGetValue(name.Name.Value, out var type))
                    {
                        return type;
                    }

                    errors.Add($"Unknown type \"{name.Name.Value}\".");
                    return null;
                default:
                    return null;
            }
        }

        public InterfaceType? Interface(string name, string owner)
        {
            if (named.GetValueOrDefault(name) is InterfaceType iface)
            {
                return iface;
            }

            errors.Add(named.ContainsKey(name)
                ? $"Type {owner} must only implement Interface types, it cannot implement {name}."
                : $"Unknown type \"{name}\".");
            return null;
        }

        public ObjectType? Member(string name, string owner)
        {
            if (named.GetValueOrDefault(name) is ObjectType member)
            {
                return member;
            }

            errors.Add(named.ContainsKey(name)
                ? $"Union type {owner} can only include Object types, it cannot include {name}."
                : $"Unknown type \"{name}\".");
            return null;
        }
    }

    /// <summary>A scalar declared in SDL: its behaviour comes from a registered implementation, or it passes values through.</summary>
    private sealed class DelegatingScalarType(string name, string? description, string? specifiedByUrl, ScalarType? inner)
        : ScalarType(name, description, specifiedByUrl)
    {
        public override object? Serialize(object value) => inner is null ? value : inner.Serialize(value);

        public override object? ParseValue(object value) => inner is null ? value : inner.ParseValue(value);

        internal override object? ParseLiteral(ValueNode node, IReadOnlyDictionary<string, object?>? variables) =>
            inner is null ? base.ParseLiteral(node, variables) : inner.ParseLiteral(node, variables);
    }
}
