using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Twins.GraphQL.Execution;
using Twins.GraphQL.Language;

namespace Twins.GraphQL.AspNetCore;

/// <summary>
/// GraphQL over HTTP: GET (queries only) and POST with <c>application/json</c>; answers with
/// <c>application/graphql-response+json</c> (400 for request errors) or <c>application/json</c> (200),
/// as the Accept header asks.
/// </summary>
internal sealed partial class GraphQLHttpHandler(RequestExecutor executor, ILogger<GraphQLHttpHandler> logger)
{
    private const string GraphQLResponse = "application/graphql-response+json";
    private const string Json = "application/json";

    public GraphQLServerOptions Options => executor.Options;

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var isGet = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        if (!isGet && !HttpMethods.IsPost(request.Method))
        {
            context.Response.Headers.Allow = "GET, POST";
            await RejectAsync(context, StatusCodes.Status405MethodNotAllowed, Json, "GraphQL accepts GET and POST requests only.").ConfigureAwait(false);
            return;
        }

        if (isGet && executor.Options.EnableGraphiQL && !request.Query.ContainsKey("query") && AcceptsHtml(request))
        {
            await GraphiQL.ServePageAsync(context, executor.Options).ConfigureAwait(false);
            return;
        }

        var mediaType = Negotiate(request.Headers.Accept);
        if (mediaType is null)
        {
            await RejectAsync(context, StatusCodes.Status406NotAcceptable, Json, "The Accept header allows neither application/graphql-response+json nor application/json.").ConfigureAwait(false);
            return;
        }

        GraphQLRequest? graphQLRequest;
        if (isGet)
        {
            graphQLRequest = await ReadQueryStringAsync(context, mediaType).ConfigureAwait(false);
        }
        else
        {
            graphQLRequest = await ReadBodyAsync(context, mediaType).ConfigureAwait(false);
        }

        if (graphQLRequest is null)
        {
            return;
        }

        var requestContext = new RequestContext
        {
            Services = context.RequestServices,
            User = context.User,
            ContextData = new Dictionary<string, object?>(StringComparer.Ordinal) { [ResolverContextExtensions.HttpContextKey] = context },
        };
        var prepared = executor.Prepare(graphQLRequest, requestContext);
        if (!prepared.IsValid)
        {
            GraphQLMetrics.Rejected.Add(1);
            Log.RequestRejected(logger, prepared.Errors[0].Message);
            await WriteAsync(context, mediaType, mediaType == GraphQLResponse ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK, ExecutionResult.FromErrors(prepared.Errors)).ConfigureAwait(false);
            return;
        }

        if (isGet && prepared.Operation!.Operation != OperationType.Query)
        {
            context.Response.Headers.Allow = "POST";
            await RejectAsync(context, StatusCodes.Status405MethodNotAllowed, mediaType, $"Only queries may be sent with GET; send {SyntaxPrinter.OperationName(prepared.Operation.Operation)} operations with POST.").ConfigureAwait(false);
            return;
        }

        ExecutionResult result;
        if (prepared.Operation!.Operation == OperationType.Subscription)
        {
            var subscription = await executor.StartSubscriptionAsync(prepared, graphQLRequest, requestContext, context.RequestAborted).ConfigureAwait(false);
            result = subscription.Errors ?? ExecutionResult.FromErrors([new GraphQLError("Subscriptions need a WebSocket (graphql-transport-ws).", null, null, new Dictionary<string, object?> { ["code"] = ErrorCodes.BadUserInput })]);
        }
        else
        {
            result = await executor.ExecutePreparedAsync(prepared, graphQLRequest, requestContext, context.RequestAborted).ConfigureAwait(false);
        }

        GraphQLMetrics.Executed.Add(1);
        var status = !result.HasData && mediaType == GraphQLResponse ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
        await WriteAsync(context, mediaType, status, result).ConfigureAwait(false);
    }

    private async Task<GraphQLRequest?> ReadQueryStringAsync(HttpContext context, string mediaType)
    {
        var query = context.Request.Query;
        if (query["query"].Count > 1 || query["operationName"].Count > 1 || query["variables"].Count > 1 || query["extensions"].Count > 1)
        {
            await RejectAsync(context, StatusCodes.Status400BadRequest, mediaType, "Each GraphQL parameter may be given once.").ConfigureAwait(false);
            return null;
        }

        if (query["query"].ToString().Length > executor.Options.MaxRequestBytes)
        {
            await RejectAsync(context, StatusCodes.Status413PayloadTooLarge, mediaType, $"The query is larger than the limit of {executor.Options.MaxRequestBytes} bytes.").ConfigureAwait(false);
            return null;
        }

        IReadOnlyDictionary<string, object?>? variables = null;
        IReadOnlyDictionary<string, object?>? extensions = null;
        try
        {
            variables = ParseMap(query["variables"], "variables");
            extensions = ParseMap(query["extensions"], "extensions");
        }
        catch (BadRequestException error)
        {
            await RejectAsync(context, StatusCodes.Status400BadRequest, mediaType, error.Message).ConfigureAwait(false);
            return null;
        }

        var operationName = query["operationName"].ToString();
        return new GraphQLRequest(
            query.TryGetValue("query", out var text) ? text.ToString() : null,
            string.IsNullOrEmpty(operationName) ? null : operationName,
            variables,
            extensions);
    }

    private static Dictionary<string, object?>? ParseMap(StringValues value, string name)
    {
        if (StringValues.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(value.ToString());
            return document.RootElement.ValueKind switch
            {
                JsonValueKind.Object => (Dictionary<string, object?>)JsValues.FromJson(document.RootElement)!,
                JsonValueKind.Null => null,
                _ => throw new BadRequestException($"The {name} parameter must be a JSON object."),
            };
        }
        catch (JsonException)
        {
            throw new BadRequestException($"The {name} parameter is not valid JSON.");
        }
    }

    private async Task<GraphQLRequest?> ReadBodyAsync(HttpContext context, string mediaType)
    {
        var contentType = context.Request.ContentType;
        if (string.IsNullOrEmpty(contentType))
        {
            await RejectAsync(context, StatusCodes.Status415UnsupportedMediaType, mediaType, "POST requests need Content-Type: application/json.").ConfigureAwait(false);
            return null;
        }

        if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            || !string.Equals(parsed.MediaType.Value, Json, StringComparison.OrdinalIgnoreCase)
            || (parsed.Charset.HasValue && !string.Equals(parsed.Charset.Value, "utf-8", StringComparison.OrdinalIgnoreCase)))
        {
            await RejectAsync(context, StatusCodes.Status415UnsupportedMediaType, mediaType, "POST requests need Content-Type: application/json (UTF-8).").ConfigureAwait(false);
            return null;
        }

        var limit = executor.Options.MaxRequestBytes;
        if (context.Request.ContentLength > limit)
        {
            await RejectAsync(context, StatusCodes.Status413PayloadTooLarge, mediaType, $"The request body is larger than the limit of {limit} bytes.").ConfigureAwait(false);
            return null;
        }

        var body = await ReadLimitedAsync(context.Request.BodyReader, limit, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            await RejectAsync(context, StatusCodes.Status413PayloadTooLarge, mediaType, $"The request body is larger than the limit of {limit} bytes.").ConfigureAwait(false);
            return null;
        }

        try
        {
            return ParseBody(body);
        }
        catch (BadRequestException error)
        {
            await RejectAsync(context, StatusCodes.Status400BadRequest, mediaType, error.Message).ConfigureAwait(false);
            return null;
        }
    }

    private static async Task<byte[]?> ReadLimitedAsync(PipeReader reader, int limit, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = read.Buffer;
            if (buffer.Length > limit)
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
                return null;
            }

            if (read.IsCompleted)
            {
                var bytes = buffer.ToArray();
                reader.AdvanceTo(buffer.End);
                return bytes;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static GraphQLRequest ParseBody(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw new BadRequestException("The request body is not valid JSON.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new BadRequestException("The request body must be a JSON object.");
            }

            string? query = null;
            string? operationName = null;
            IReadOnlyDictionary<string, object?>? variables = null;
            IReadOnlyDictionary<string, object?>? extensions = null;
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "query":
                        query = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()
                            : throw new BadRequestException("The query parameter must be a string.");
                        break;
                    case "operationName":
                        operationName = property.Value.ValueKind switch
                        {
                            JsonValueKind.String => property.Value.GetString(),
                            JsonValueKind.Null => null,
                            _ => throw new BadRequestException("The operationName parameter must be a string or null."),
                        };
                        break;
                    case "variables":
                        variables = Map(property.Value, "variables");
                        break;
                    case "extensions":
                        extensions = Map(property.Value, "extensions");
                        break;
                    default:
                        break;
                }
            }

            if (query is null)
            {
                throw new BadRequestException("The query parameter is missing.");
            }

            return new GraphQLRequest(query, operationName, variables, extensions);
        }
    }

    private static Dictionary<string, object?>? Map(JsonElement element, string name) => element.ValueKind switch
    {
        JsonValueKind.Object => (Dictionary<string, object?>)JsValues.FromJson(element)!,
        JsonValueKind.Null => null,
        _ => throw new BadRequestException($"The {name} parameter must be an object or null."),
    };

    private static string? Negotiate(StringValues accept)
    {
        if (StringValues.IsNullOrEmpty(accept))
        {
            return Json;
        }

        if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParseList(accept, out var types) || types.Count == 0)
        {
            return Json;
        }

        string? best = null;
        double bestQuality = -1;
        foreach (var type in types)
        {
            var quality = type.Quality ?? 1;
            if (quality <= 0)
            {
                continue;
            }

            var candidate = type.MediaType.Value?.ToLowerInvariant() switch
            {
                GraphQLResponse => GraphQLResponse,
                Json => Json,
                "application/*" or "*/*" => Json,
                _ => null,
            };
            if (candidate is not null && quality > bestQuality)
            {
                best = candidate;
                bestQuality = quality;
            }
        }

        return best;
    }

    private static bool AcceptsHtml(HttpRequest request) =>
        request.Headers.Accept.Any(a => a is not null && a.Contains("text/html", StringComparison.OrdinalIgnoreCase));

    private async Task RejectAsync(HttpContext context, int status, string mediaType, string message)
    {
        GraphQLMetrics.Rejected.Add(1);
        Log.RequestRejected(logger, message);
        var result = ExecutionResult.FromErrors([new GraphQLError(message, null, null, new Dictionary<string, object?> { ["code"] = ErrorCodes.BadUserInput })]);
        await WriteAsync(context, mediaType, status, result).ConfigureAwait(false);
    }

    private static async Task WriteAsync(HttpContext context, string mediaType, int status, ExecutionResult result)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = mediaType + "; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        var writer = new Utf8JsonWriter(response.BodyWriter, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
        await using (writer.ConfigureAwait(false))
        {
            result.WriteTo(writer);
            await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        }
    }

    private sealed class BadRequestException(string message) : Exception(message);

    private static partial class Log
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "GraphQL request rejected: {Reason}")]
        public static partial void RequestRejected(ILogger logger, string reason);
    }
}
