using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Twins.GraphQL.AspNetCore;

/// <summary>Maps the GraphQL endpoint.</summary>
public static class GraphQLEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps GraphQL over HTTP (GET and POST), <c>graphql-transport-ws</c> WebSockets and GraphiQL (GET from
    /// a browser) at <paramref name="pattern"/>. The returned builder takes the usual conventions, such as
    /// <c>RequireAuthorization()</c>. Call <c>app.UseWebSockets()</c> before it for subscriptions.
    /// </summary>
    public static IEndpointConventionBuilder MapGraphQL(this IEndpointRouteBuilder endpoints, string pattern = "/graphql")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var http = endpoints.ServiceProvider.GetRequiredService<GraphQLHttpHandler>();
        var webSockets = endpoints.ServiceProvider.GetRequiredService<GraphQLWebSocketHandler>();
        var graphiql = pattern.TrimEnd('/') + "/graphiql/{**file}";
        var group = new RouteGroupConventions();
        group.Add(endpoints.MapGet(graphiql, context => GraphiQL.ServeAsync(context, http.Options, context.Request.RouteValues["file"] as string)));
        group.Add(endpoints.Map(pattern, context => context.WebSockets.IsWebSocketRequest
            ? webSockets.HandleAsync(context)
            : http.HandleAsync(context)));
        return group;
    }

    /// <summary>Applies conventions to every endpoint MapGraphQL added.</summary>
    private sealed class RouteGroupConventions : IEndpointConventionBuilder
    {
        private readonly List<IEndpointConventionBuilder> _builders = [];

        public void Add(IEndpointConventionBuilder builder) => _builders.Add(builder);

        public void Add(Action<EndpointBuilder> convention)
        {
            foreach (var builder in _builders)
            {
                builder.Add(convention);
            }
        }

        public void Finally(Action<EndpointBuilder> finallyConvention)
        {
            foreach (var builder in _builders)
            {
                builder.Finally(finallyConvention);
            }
        }
    }
}
