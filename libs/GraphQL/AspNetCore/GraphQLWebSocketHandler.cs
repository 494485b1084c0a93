using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Twins.GraphQL.Execution;

namespace Twins.GraphQL.AspNetCore;

/// <summary>Accepts <c>graphql-transport-ws</c> WebSocket connections (other subprotocols are closed with 4406).</summary>
internal sealed class GraphQLWebSocketHandler(RequestExecutor executor, TimeProvider timeProvider, ILogger<GraphQLWebSocketSession> logger)
{
    public const string SubProtocol = "graphql-transport-ws";

    public async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.WebSocketRequestedProtocols.Contains(SubProtocol))
        {
            // Accept (echoing what the client asked for, so it can read the close frame), then refuse with 4406.
            var requested = context.WebSockets.WebSocketRequestedProtocols;
            using var refused = await context.WebSockets.AcceptWebSocketAsync(requested.Count > 0 ? requested[0] : null).ConfigureAwait(false);
            GraphQLMetrics.WebSocketViolations.Add(1);
            await refused.CloseAsync((System.Net.WebSockets.WebSocketCloseStatus)4406, "Subprotocol not acceptable", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync(SubProtocol).ConfigureAwait(false);
        using var session = new GraphQLWebSocketSession(socket, context, executor, timeProvider, logger);
        await session.RunAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
