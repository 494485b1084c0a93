using System.Security.Claims;
using Twins.GraphQL.Types;

namespace Twins.GraphQL.Execution;

/// <summary>What a resolver sees: its parent value, arguments, the request's services, user and cancellation.</summary>
public interface IResolverContext
{
    /// <summary>The schema being executed.</summary>
    Schema Schema { get; }

    /// <summary>The object type whose field is being resolved.</summary>
    ObjectType ObjectType { get; }

    /// <summary>The field being resolved.</summary>
    OutputField Field { get; }

    /// <summary>The response path: field names (aliases) and list indices.</summary>
    IReadOnlyList<object> Path { get; }

    /// <summary>The parent's resolved value (the root value for root fields).</summary>
    object? ParentValue { get; }

    /// <summary>Coerced argument values by name; absent arguments without defaults are missing.</summary>
    IReadOnlyDictionary<string, object?> Arguments { get; }

    /// <summary>The request's service provider (scoped per HTTP request).</summary>
    IServiceProvider Services { get; }

    /// <summary>State shared by all resolvers of one request (the ASP.NET Core layer stores the HttpContext here).</summary>
    IDictionary<string, object?> ContextData { get; }

    /// <summary>The authenticated user of the request, or null.</summary>
    ClaimsPrincipal? User { get; }

    /// <summary>Cancelled when the client goes away or the execution timeout passes.</summary>
    CancellationToken RequestAborted { get; }

    /// <summary>The parent value as <typeparamref name="T"/>.</summary>
    T Parent<T>();

    /// <summary>An argument converted to <typeparamref name="T"/>; default when absent.</summary>
    T ArgumentValue<T>(string name);

    /// <summary>The request-scoped instance of a DataLoader (created on first use, shared by all resolvers of the request).</summary>
    TLoader DataLoader<TLoader>()
        where TLoader : class, IDataLoader;

    /// <summary>Adds an error for this field without failing it.</summary>
    void ReportError(GraphQLException exception);
}
