using System.Diagnostics.Metrics;

namespace Twins.GraphQL.AspNetCore;

/// <summary>Counters of the transport, on the <c>Twins.GraphQL</c> meter.</summary>
internal static class GraphQLMetrics
{
    public static readonly Meter Meter = new("Twins.GraphQL");

    /// <summary>Requests refused before execution (bad HTTP, bad JSON, too large, parse/validation errors, limits).</summary>
    public static readonly Counter<long> Rejected = Meter.CreateCounter<long>("graphql.requests.rejected", "{request}");

    /// <summary>Requests executed.</summary>
    public static readonly Counter<long> Executed = Meter.CreateCounter<long>("graphql.requests.executed", "{request}");

    /// <summary>WebSocket connections closed by the server for a protocol violation.</summary>
    public static readonly Counter<long> WebSocketViolations = Meter.CreateCounter<long>("graphql.websocket.violations", "{connection}");
}
