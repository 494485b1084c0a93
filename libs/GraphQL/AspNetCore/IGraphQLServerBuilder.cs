using Microsoft.Extensions.DependencyInjection;
using Twins.GraphQL.Execution;
using Twins.GraphQL.Types;

namespace Twins.GraphQL.AspNetCore;

/// <summary>Configures the GraphQL server registered by <see cref="GraphQLServiceCollectionExtensions.AddGraphQLServer"/>.</summary>
public interface IGraphQLServerBuilder
{
    /// <summary>The service collection.</summary>
    IServiceCollection Services { get; }

    /// <summary>Adds schema configuration (SDL, types, resolvers); applied in order when the schema is first needed.</summary>
    IGraphQLServerBuilder ConfigureSchema(Action<IServiceProvider, SchemaBuilder> configure);

    /// <summary>Changes the limits and switches (applied after configuration binding).</summary>
    IGraphQLServerBuilder ModifyOptions(Action<GraphQLServerOptions> configure);

    /// <summary>Registers a DataLoader as a scoped service (one instance per request).</summary>
    IGraphQLServerBuilder AddDataLoader<TLoader>()
        where TLoader : class, IDataLoader;
}
