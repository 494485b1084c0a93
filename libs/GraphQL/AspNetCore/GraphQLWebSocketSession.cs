using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Twins.GraphQL.Execution;
using Twins.GraphQL.Language;

namespace Twins.GraphQL.AspNetCore;

/// <summary>
/// One <c>graphql-transport-ws</c> connection: connection_init / connection_ack, ping / pong, subscribe /
/// next / error / complete, and the protocol's close codes (4400 invalid message, 4401 unauthorized,
/// 4403 forbidden, 4408 init timeout, 4409 duplicate id, 4429 too many inits, 4500 internal error).
/// </summary>
internal sealed partial class GraphQLWebSocketSession(WebSocket socket, HttpContext httpContext, RequestExecutor executor, TimeProvider timeProvider, ILogger<GraphQLWebSocketSession> logger) : IDisposable
{
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _operations = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _closed = new();
    private int _initReceived;
    private volatile bool _acknowledged;

    public void Dispose()
    {
        _sendGate.Dispose();
        _closed.Dispose();
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closed.Token);
        var initTimeout = WatchInitTimeoutAsync(linked.Token);
        try
        {
            await ReceiveLoopAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            // The client went away or the session was closed.
        }
        catch (WebSocketException)
        {
            // The connection dropped.
        }
#pragma warning disable CA1031 // any other failure closes the connection with 4500, as the protocol says
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Log.SessionFailed(logger, exception);
            await CloseAsync(4500, "Internal server error").ConfigureAwait(false);
        }
        finally
        {
            foreach (var id in _operations.Keys)
            {
                if (_operations.TryRemove(id, out var operation))
                {
                    await CancelQuietlyAsync(operation).ConfigureAwait(false);
                }
            }

            await _closed.CancelAsync().ConfigureAwait(false);
            await initTimeout.ConfigureAwait(false);
        }
    }

    private async Task WatchInitTimeoutAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(executor.Options.ConnectionInitTimeout, timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (Volatile.Read(ref _initReceived) == 0)
        {
            await CloseAsync(4408, "Connection initialisation timeout").ConfigureAwait(false);
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (socket.State == WebSocketState.Open)
        {
            buffer.ResetWrittenCount();
            ValueWebSocketReceiveResult received;
            do
            {
                received = await socket.ReceiveAsync(buffer.GetMemory(4096), cancellationToken).ConfigureAwait(false);
                buffer.Advance(received.Count);
                if (buffer.WrittenCount > executor.Options.MaxRequestBytes)
                {
                    await CloseAsync(4400, "Message too large").ConfigureAwait(false);
                    return;
                }
            }
            while (!received.EndOfMessage);

            if (received.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).ConfigureAwait(false);
                return;
            }

            if (received.MessageType != WebSocketMessageType.Text || !await HandleMessageAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    /// <summary>Handles one message; false when the connection was closed because of it.</summary>
    private async Task<bool> HandleMessageAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message);
        }
        catch (JsonException)
        {
            return await ViolationAsync(4400, "Invalid message received").ConfigureAwait(false);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
            {
                return await ViolationAsync(4400, "Invalid message received").ConfigureAwait(false);
            }

            switch (typeElement.GetString())
            {
                case "connection_init":
                    return await InitAsync(root).ConfigureAwait(false);
                case "ping":
                    await SendAsync(new Dictionary<string, object?> { ["type"] = "pong" }).ConfigureAwait(false);
                    return true;
                case "pong":
                    return true;
                case "subscribe":
                    return await SubscribeAsync(root, cancellationToken).ConfigureAwait(false);
                case "complete":
                    if (root.TryGetProperty("id", out var completeId) && completeId.ValueKind == JsonValueKind.String)
                    {
                        if (_operations.TryRemove(completeId.GetString()!, out var operation))
                        {
                            await CancelQuietlyAsync(operation).ConfigureAwait(false);
                        }

                        return true;
                    }

                    return await ViolationAsync(4400, "Invalid message received").ConfigureAwait(false);
                default:
                    return await ViolationAsync(4400, "Invalid message received").ConfigureAwait(false);
            }
        }
    }

    private async Task<bool> InitAsync(JsonElement root)
    {
        if (Interlocked.Exchange(ref _initReceived, 1) == 1)
        {
            return await ViolationAsync(4429, "Too many initialisation requests").ConfigureAwait(false);
        }

        IReadOnlyDictionary<string, object?>? payload = null;
        if (root.TryGetProperty("payload", out var payloadElement))
        {
            if (payloadElement.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            {
                return await ViolationAsync(4400, "Invalid message received").ConfigureAwait(false);
            }

            payload = JsValues.FromJson(payloadElement) as Dictionary<string, object?>;
        }

        if (executor.Options.WebSocketConnect is { } connect && !await connect(httpContext, payload).ConfigureAwait(false))
        {
            return await ViolationAsync(4403, "Forbidden").ConfigureAwait(false);
        }

        await SendAsync(new Dictionary<string, object?> { ["type"] = "connection_ack" }).ConfigureAwait(false);
        _acknowledged = true;
        return true;
    }

    private async Task<bool> SubscribeAsync(JsonElement root, CancellationToken cancellationToken)
    {
        if (!_acknowledged)
        {
            return await ViolationAsync(4401, "Unauthorized").ConfigureAwait(false);
        }

        if (!root.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.String
            || !root.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object
            || !payload.TryGetProperty("query", out var queryElement) || queryElement.ValueKind != JsonValueKind.String)
        {
            return await ViolationAsync(4400, "Invalid message received").ConfigureAwait(false);
        }

        var id = idElement.GetString()!;
        string? operationName = null;
        if (payload.TryGetProperty("operationName", out var nameElement) && nameElement.ValueKind == JsonValueKind.String)
        {
            operationName = nameElement.GetString();
        }

        var variables = payload.TryGetProperty("variables", out var variablesElement) && variablesElement.ValueKind == JsonValueKind.Object
            ? (Dictionary<string, object?>)JsValues.FromJson(variablesElement)!
            : null;
        var request = new GraphQLRequest(queryElement.GetString(), operationName, variables);
        if (_operations.Count >= executor.Options.MaxWebSocketOperations && !_operations.ContainsKey(id))
        {
            GraphQLMetrics.Rejected.Add(1);
            var error = new GraphQLError($"Too many operations on this connection (at most {executor.Options.MaxWebSocketOperations}).", null, null, new Dictionary<string, object?> { ["code"] = ErrorCodes.LimitExceeded });
            await SendAsync(new Dictionary<string, object?> { ["id"] = id, ["type"] = "error", ["payload"] = new[] { error } }).ConfigureAwait(false);
            return true;
        }

        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (!_operations.TryAdd(id, cancellation))
        {
            cancellation.Dispose();
            return await ViolationAsync(4409, $"Subscriber for {id} already exists").ConfigureAwait(false);
        }

        _ = RunOperationAsync(id, request, cancellation);
        return true;
    }

    private async Task RunOperationAsync(string id, GraphQLRequest request, CancellationTokenSource cancellation)
    {
        var token = cancellation.Token;
        try
        {
            var context = new RequestContext
            {
                Services = httpContext.RequestServices,
                User = httpContext.User,
                ContextData = new Dictionary<string, object?>(StringComparer.Ordinal) { [ResolverContextExtensions.HttpContextKey] = httpContext },
            };
            var prepared = executor.Prepare(request, context);
            if (!prepared.IsValid)
            {
                GraphQLMetrics.Rejected.Add(1);
                await SendAsync(new Dictionary<string, object?> { ["id"] = id, ["type"] = "error", ["payload"] = prepared.Errors }).ConfigureAwait(false);
                return;
            }

            if (prepared.Operation!.Operation == OperationType.Subscription)
            {
                var subscription = await executor.StartSubscriptionAsync(prepared, request, context, token).ConfigureAwait(false);
                if (subscription.Errors is not null)
                {
                    await SendNextAsync(id, subscription.Errors).ConfigureAwait(false);
                }
                else
                {
                    await foreach (var result in subscription.Stream!.WithCancellation(token).ConfigureAwait(false))
                    {
                        await SendNextAsync(id, result).ConfigureAwait(false);
                    }
                }
            }
            else
            {
                await SendNextAsync(id, await executor.ExecutePreparedAsync(prepared, request, context, token).ConfigureAwait(false)).ConfigureAwait(false);
            }

            if (!token.IsCancellationRequested)
            {
                await SendAsync(new Dictionary<string, object?> { ["id"] = id, ["type"] = "complete" }).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The client completed the subscription or went away.
        }
        catch (WebSocketException)
        {
            // The connection dropped while sending.
        }
#pragma warning disable CA1031 // a failing event stream ends that operation with an error, not the connection
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Log.OperationFailed(logger, id, exception);
            await SendAsync(new Dictionary<string, object?> { ["id"] = id, ["type"] = "error", ["payload"] = new[] { new GraphQLError("Unexpected Execution Error", null, null, new Dictionary<string, object?> { ["code"] = ErrorCodes.InternalError }) } }).ConfigureAwait(false);
        }
        finally
        {
            _operations.TryRemove(new KeyValuePair<string, CancellationTokenSource>(id, cancellation));
            cancellation.Dispose();
        }
    }

    private static async Task CancelQuietlyAsync(CancellationTokenSource operation)
    {
        try
        {
            await operation.CancelAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // The operation finished and disposed its source meanwhile.
        }
    }

    private Task SendNextAsync(string id, ExecutionResult result) =>
        SendAsync(new Dictionary<string, object?> { ["id"] = id, ["type"] = "next", ["payload"] = result });

    private async Task SendAsync(Dictionary<string, object?> message)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in message)
            {
                writer.WritePropertyName(key);
                switch (value)
                {
                    case ExecutionResult result:
                        result.WriteTo(writer);
                        break;
                    case IEnumerable<GraphQLError> errors:
                        writer.WriteStartArray();
                        foreach (var error in errors)
                        {
                            ExecutionResult.WriteError(writer, error);
                        }

                        writer.WriteEndArray();
                        break;
                    default:
                        ExecutionResult.WriteValue(writer, value);
                        break;
                }
            }

            writer.WriteEndObject();
        }

        await _sendGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                await socket.SendAsync(buffer.WrittenMemory, WebSocketMessageType.Text, true, CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            _sendGate.Release();
        }
    }

    private async Task<bool> ViolationAsync(int code, string reason)
    {
        GraphQLMetrics.WebSocketViolations.Add(1);
        Log.ProtocolViolation(logger, code, reason);
        await CloseAsync(code, reason).ConfigureAwait(false);
        return false;
    }

    private async Task CloseAsync(int code, string reason)
    {
        await _sendGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseAsync((WebSocketCloseStatus)code, reason, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (WebSocketException)
        {
            // Already gone.
        }
        finally
        {
            _sendGate.Release();
            await _closed.CancelAsync().ConfigureAwait(false);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "GraphQL WebSocket closed with {Code}: {Reason}")]
        public static partial void ProtocolViolation(ILogger logger, int code, string reason);

        [LoggerMessage(EventId = 201, Level = LogLevel.Error, Message = "GraphQL WebSocket session failed")]
        public static partial void SessionFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 202, Level = LogLevel.Error, Message = "GraphQL WebSocket operation {Id} failed")]
        public static partial void OperationFailed(ILogger logger, string id, Exception exception);
    }
}
