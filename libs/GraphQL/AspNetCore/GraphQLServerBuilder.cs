using Microsoft.Extensions.DependencyInjection;
using Twins.GraphQL.Execution;
using Twins.GraphQL.Types;

namespace Twins.GraphQL.AspNetCore;

/// <summary>Collects schema configuration for the server.</summary>
internal sealed class GraphQLServerBuilder(IServiceCollection services) : IGraphQLServerBuilder
{
    public IServiceCollection Services { get; } = services;

    public List<Action<IServiceProvider, SchemaBuilder>> SchemaConfigurations { get; } = [];

    public IGraphQLServerBuilder ConfigureSchema(Action<IServiceProvider, SchemaBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        SchemaConfigurations.Add(configure);
        return this;
    }

    public IGraphQLServerBuilder ModifyOptions(Action<GraphQLServerOptions> configure)
    {
        Services.PostConfigure(configure);
        return this;
    }

    public IGraphQLServerBuilder AddDataLoader<TLoader>()
        where TLoader : class, IDataLoader
    {
        Services.AddScoped<TLoader>();
        return this;
    }
}
