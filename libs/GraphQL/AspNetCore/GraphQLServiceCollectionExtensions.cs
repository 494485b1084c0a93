using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Twins.GraphQL.Execution;
using Twins.GraphQL.Types;

namespace Twins.GraphQL.AspNetCore;

/// <summary>Registers the GraphQL server.</summary>
public static class GraphQLServiceCollectionExtensions
{
    /// <summary>The configuration section bound to <see cref="GraphQLServerOptions"/>.</summary>
    public const string ConfigurationSection = "GraphQL";

    /// <summary>
    /// Registers the schema, the <see cref="RequestExecutor"/> and the options (bound from the
    /// <c>GraphQL</c> configuration section and validated on start). Map the endpoint with
    /// <see cref="GraphQLEndpointRouteBuilderExtensions.MapGraphQL"/>.
    /// </summary>
    public static IGraphQLServerBuilder AddGraphQLServer(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = new GraphQLServerBuilder(services);
        services.AddOptions<GraphQLServerOptions>()
            .BindConfiguration(ConfigurationSection)
            .Validate(options =>
            {
                options.Validate();
                return true;
            })
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider =>
        {
            var schema = SchemaBuilder.New();
            foreach (var configure in builder.SchemaConfigurations)
            {
                configure(provider, schema);
            }

            return schema.Create();
        });
        services.AddSingleton(provider => new RequestExecutor(
            provider.GetRequiredService<Schema>(),
            provider.GetRequiredService<IOptions<GraphQLServerOptions>>().Value,
            provider.GetService<ILogger<RequestExecutor>>(),
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<GraphQLHttpHandler>();
        services.AddSingleton<GraphQLWebSocketHandler>();
        return builder;
    }
}
