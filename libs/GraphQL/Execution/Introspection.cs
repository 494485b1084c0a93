using Twins.GraphQL.Types;

namespace Twins.GraphQL.Execution;

/// <summary>Resolvers of the introspection types; their parents are the schema's own model objects.</summary>
internal static class Introspection
{
    public static readonly FieldResolver TypeName = context => new ValueTask<object?>(context.ObjectType.Name);

    public static readonly FieldResolver SchemaRoot = context => new ValueTask<object?>(context.Schema);

    public static readonly FieldResolver TypeRoot = context => new ValueTask<object?>(context.Schema.GetType((string)context.Arguments["name"]!));

    public static void AddResolvers(SchemaBuilder builder)
    {
        builder
            .AddResolver("__Schema", "description", c => c.Parent<Schema>().Description)
            .AddResolver("__Schema", "types", c => c.Parent<Schema>().Types.Values)
            .AddResolver("__Schema", "queryType", c => c.Parent<Schema>().QueryType)
            .AddResolver("__Schema", "mutationType", c => c.Parent<Schema>().MutationType)
            .AddResolver("__Schema", "subscriptionType", c => c.Parent<Schema>().SubscriptionType)
            .AddResolver("__Schema", "directives", c => c.Parent<Schema>().Directives.Values)
            .AddResolver("__Type", "kind", c => KindName(c.Parent<IGraphQLType>().Kind))
            .AddResolver("__Type", "name", c => (c.ParentValue as NamedType)?.Name)
            .AddResolver("__Type", "description", c => (c.ParentValue as NamedType)?.Description)
            .AddResolver("__Type", "specifiedByURL", c => (c.ParentValue as ScalarType)?.SpecifiedByUrl)
            .AddResolver("__Type", "fields", c => c.ParentValue is ComplexType complex
                ? complex.Fields.Values.Where(f => IncludeDeprecated(c) || !f.IsDeprecated).ToList()
                : null)
            .AddResolver("__Type", "interfaces", c => (c.ParentValue as ComplexType)?.Interfaces)
            .AddResolver("__Type", "possibleTypes", c => c.ParentValue is NamedType { IsAbstract: true } abstractType
                ? c.Schema.GetPossibleTypes(abstractType)
                : null)
            .AddResolver("__Type", "enumValues", c => c.ParentValue is EnumType enumType
                ? enumType.Values.Where(v => IncludeDeprecated(c) || !v.IsDeprecated).ToList()
                : null)
            .AddResolver("__Type", "inputFields", c => c.ParentValue is InputObjectType input
                ? input.Fields.Values.Where(f => IncludeDeprecated(c) || !f.IsDeprecated).ToList()
                : null)
            .AddResolver("__Type", "ofType", c => c.ParentValue switch
            {
                ListType list => list.OfType,
                NonNullType nonNull => nonNull.OfType,
                _ => null,
            })
            .AddResolver("__Type", "isOneOf", c => (c.ParentValue as InputObjectType)?.IsOneOf)
            .AddResolver("__Field", "name", c => c.Parent<OutputField>().Name)
            .AddResolver("__Field", "description", c => c.Parent<OutputField>().Description)
            .AddResolver("__Field", "args", c => c.Parent<OutputField>().Arguments.Values.Where(a => IncludeDeprecated(c) || !a.IsDeprecated).ToList())
            .AddResolver("__Field", "type", c => c.Parent<OutputField>().Type)
            .AddResolver("__Field", "isDeprecated", c => c.Parent<OutputField>().IsDeprecated)
            .AddResolver("__Field", "deprecationReason", c => c.Parent<OutputField>().DeprecationReason)
            .AddResolver("__InputValue", "name", c => c.Parent<InputField>().Name)
            .AddResolver("__InputValue", "description", c => c.Parent<InputField>().Description)
            .AddResolver("__InputValue", "type", c => c.Parent<InputField>().Type)
            .AddResolver("__InputValue", "defaultValue", c => SchemaPrinter.DefaultValueText(c.Parent<InputField>()))
            .AddResolver("__InputValue", "isDeprecated", c => c.Parent<InputField>().IsDeprecated)
            .AddResolver("__InputValue", "deprecationReason", c => c.Parent<InputField>().DeprecationReason)
            .AddResolver("__EnumValue", "name", c => c.Parent<EnumValue>().Name)
            .AddResolver("__EnumValue", "description", c => c.Parent<EnumValue>().Description)
            .AddResolver("__EnumValue", "isDeprecated", c => c.Parent<EnumValue>().IsDeprecated)
            .AddResolver("__EnumValue", "deprecationReason", c => c.Parent<EnumValue>().DeprecationReason)
            .AddResolver("__Directive", "name", c => c.Parent<DirectiveType>().Name)
            .AddResolver("__Directive", "description", c => c.Parent<DirectiveType>().Description)
            .AddResolver("__Directive", "isRepeatable", c => c.Parent<DirectiveType>().IsRepeatable)
            .AddResolver("__Directive", "locations", c => c.Parent<DirectiveType>().Locations)
            .AddResolver("__Directive", "args", c => c.Parent<DirectiveType>().Arguments.Values.Where(a => IncludeDeprecated(c) || !a.IsDeprecated).ToList());
    }

    private static bool IncludeDeprecated(IResolverContext context) => context.Arguments.GetValueOrDefault("includeDeprecated") is true;

    private static string KindName(TypeKind kind) => kind switch
    {
        TypeKind.Scalar => "SCALAR",
        TypeKind.Object => "OBJECT",
        TypeKind.Interface => "INTERFACE",
        TypeKind.Union => "UNION",
        TypeKind.Enum => "ENUM",
        TypeKind.InputObject => "INPUT_OBJECT",
        TypeKind.List => "LIST",
        _ => "NON_NULL",
    };
}
