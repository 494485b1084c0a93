using System.Security.Claims;

namespace Twins.GraphQL.Execution;

/// <summary>Per-request state handed to resolvers: services, the user, shared data, and whether introspection is allowed.</summary>
public sealed class RequestContext
{
    /// <summary>The request's services; an empty provider when none is given.</summary>
    public IServiceProvider Services { get; init; } = EmptyServiceProvider.Instance;

    /// <summary>The authenticated user, or null.</summary>
    public ClaimsPrincipal? User { get; init; }

    /// <summary>State shared by all resolvers of the request.</summary>
    public IDictionary<string, object?> ContextData { get; init; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>The root value handed to root resolvers, or null.</summary>
    public object? RootValue { get; init; }

    /// <summary>Overrides <see cref="GraphQLServerOptions.AllowIntrospection"/> for this request when set.</summary>
    public bool? AllowIntrospection { get; init; }

    private sealed class EmptyServiceProvider : IServiceProvider
    {
        public static readonly EmptyServiceProvider Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
