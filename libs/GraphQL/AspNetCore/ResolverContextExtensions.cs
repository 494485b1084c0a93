using Microsoft.AspNetCore.Http;
using Twins.GraphQL.Execution;

namespace Twins.GraphQL.AspNetCore;

/// <summary>Access to the HTTP request from resolvers.</summary>
public static class ResolverContextExtensions
{
    /// <summary>The key under which the HttpContext is stored in <see cref="IResolverContext.ContextData"/>.</summary>
    public const string HttpContextKey = "HttpContext";

    /// <summary>The HttpContext of the request (for WebSocket subscriptions: of the upgrade request), or null.</summary>
    public static HttpContext? GetHttpContext(this IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.ContextData.TryGetValue(HttpContextKey, out var value) ? value as HttpContext : null;
    }
}
