using System.Security.Claims;

namespace Twins.GraphQL.Execution;

/// <summary>Limits and switches of the executor and the HTTP/WebSocket transport, with safe defaults.</summary>
public sealed class GraphQLServerOptions
{
    /// <summary>Default <see cref="MaxDepth"/>.</summary>
    public const int DefaultMaxDepth = 15;

    /// <summary>Default <see cref="MaxCost"/>.</summary>
    public const int DefaultMaxCost = 1000;

    /// <summary>Default <see cref="MaxTokens"/>.</summary>
    public const int DefaultMaxTokens = 15_000;

    /// <summary>Default <see cref="MaxRequestBytes"/> (1 MiB).</summary>
    public const int DefaultMaxRequestBytes = 1024 * 1024;

    /// <summary>Default <see cref="ExecutionTimeout"/>.</summary>
    public static readonly TimeSpan DefaultExecutionTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Deepest field nesting allowed in an operation (fragments expanded).</summary>
    public int MaxDepth { get; set; } = DefaultMaxDepth;

    /// <summary>Highest cost allowed (each field costs its <c>@cost</c> weight, 1 by default; list fields multiply their selection by <c>first</c>/<c>last</c>).</summary>
    public int MaxCost { get; set; } = DefaultMaxCost;

    /// <summary>Most lexical tokens a document may have.</summary>
    public int MaxTokens { get; set; } = DefaultMaxTokens;

    /// <summary>Largest request body (HTTP) or message (WebSocket) accepted, in bytes.</summary>
    public int MaxRequestBytes { get; set; } = DefaultMaxRequestBytes;

    /// <summary>Time an operation may run before it is cancelled with an error.</summary>
    public TimeSpan ExecutionTimeout { get; set; } = DefaultExecutionTimeout;

    /// <summary>Whether <c>__schema</c> and <c>__type</c> may be queried at all.</summary>
    public bool AllowIntrospection { get; set; } = true;

    /// <summary>Further restricts introspection per caller (for example: only authenticated users); null allows everyone.</summary>
    public Func<ClaimsPrincipal?, bool>? IntrospectionPolicy { get; set; }

    /// <summary>Sends exception messages of unexpected resolver failures to clients (development only).</summary>
    public bool IncludeExceptionDetails { get; set; }

    /// <summary>How long a WebSocket client has to send <c>connection_init</c>.</summary>
    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Decides whether a WebSocket client may proceed after <c>connection_init</c> (given the upgrade
    /// request and the init payload); false closes the socket with 4403. Null accepts everyone.
    /// </summary>
    public Func<Microsoft.AspNetCore.Http.HttpContext, IReadOnlyDictionary<string, object?>?, ValueTask<bool>>? WebSocketConnect { get; set; }

    /// <summary>Most operations one WebSocket connection may run at once; more get an <c>error</c> message.</summary>
    public int MaxWebSocketOperations { get; set; } = 100;

    /// <summary>Serves GraphiQL to browsers that GET the endpoint asking for HTML.</summary>
    public bool EnableGraphiQL { get; set; } = true;

    /// <summary>
    /// The name of a parameter in GraphiQL's address fragment (<c>token</c> reads <c>/graphql#token=…</c>) whose
    /// value GraphiQL sends as the <c>Authorization</c> header of every request, introspection included, and
    /// as <c>authorization</c> in <c>connection_init</c>; a bare token gets the <c>Bearer</c> scheme. GraphiQL
    /// keeps it in the tab's session storage and removes it from the address; a fragment never reaches the
    /// server, so the credential is in no query string, request line or log. The Headers tab shows it and
    /// can override it. Null (the default): GraphiQL starts without headers.
    /// </summary>
    public string? GraphiQLAuthorizationFragment { get; set; }

    /// <summary>Throws if a setting is out of range, naming it.</summary>
    public void Validate()
    {
        if (GraphiQLAuthorizationFragment is { } fragment && (fragment.Length == 0 || !fragment.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')))
        {
            throw new InvalidOperationException($"GraphQL:{nameof(GraphiQLAuthorizationFragment)} must be a parameter name of letters, digits, '_' or '-' (got '{fragment}').");
        }

        if (MaxDepth < 1)
        {
            throw new InvalidOperationException($"GraphQL:{nameof(MaxDepth)} must be at least 1.");
        }

        if (MaxCost < 1)
        {
            throw new InvalidOperationException($"GraphQL:{nameof(MaxCost)} must be at least 1.");
        }

        if (MaxTokens < 1)
        {
            throw new InvalidOperationException($"GraphQL:{nameof(MaxTokens)} must be at least 1.");
        }

        if (MaxRequestBytes < 256)
        {
            throw new InvalidOperationException($"GraphQL:{nameof(MaxRequestBytes)} must be at least 256.");
        }

        if (MaxWebSocketOperations < 1)
        {
            throw new InvalidOperationException($"GraphQL:{nameof(MaxWebSocketOperations)} must be at least 1.");
        }

        if (ExecutionTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"GraphQL:{nameof(ExecutionTimeout)} must be positive.");
        }
    }
}
