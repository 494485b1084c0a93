using Twins.GraphQL.Types;

namespace Twins.GraphQL.AspNetCore;

/// <summary>Shortcuts over <see cref="IGraphQLServerBuilder.ConfigureSchema"/>.</summary>
public static class GraphQLServerBuilderExtensions
{
    /// <summary>Adds schema configuration that needs no services.</summary>
    public static IGraphQLServerBuilder ConfigureSchema(this IGraphQLServerBuilder builder, Action<SchemaBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        return builder.ConfigureSchema((_, schema) => configure(schema));
    }

    /// <summary>Adds types written in SDL.</summary>
    public static IGraphQLServerBuilder AddTypeDefinitions(this IGraphQLServerBuilder builder, string sdl) =>
        builder.ConfigureSchema(schema => schema.AddTypeDefinitions(sdl));

    /// <summary>Declares or extends the query root type in code.</summary>
    public static IGraphQLServerBuilder AddQueryType(this IGraphQLServerBuilder builder, Action<ObjectTypeDescriptor> configure) =>
        builder.ConfigureSchema(schema => schema.AddQueryType(configure));

    /// <summary>Declares or extends the mutation root type in code.</summary>
    public static IGraphQLServerBuilder AddMutationType(this IGraphQLServerBuilder builder, Action<ObjectTypeDescriptor> configure) =>
        builder.ConfigureSchema(schema => schema.AddMutationType(configure));

    /// <summary>Declares or extends the subscription root type in code.</summary>
    public static IGraphQLServerBuilder AddSubscriptionType(this IGraphQLServerBuilder builder, Action<ObjectTypeDescriptor> configure) =>
        builder.ConfigureSchema(schema => schema.AddSubscriptionType(configure));
}
