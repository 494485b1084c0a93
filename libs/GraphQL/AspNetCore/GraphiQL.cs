using Microsoft.AspNetCore.Http;
using Twins.GraphQL.Execution;

namespace Twins.GraphQL.AspNetCore;

/// <summary>Serves the GraphiQL IDE, built at build time from npm <c>graphiql</c> and embedded (no CDN at run time).</summary>
internal static class GraphiQL
{
    private const string ResourcePrefix = "Twins.GraphQL.GraphiQL.";

    public static Task ServePageAsync(HttpContext context, GraphQLServerOptions options)
    {
        var path = context.Request.Path.Value?.TrimEnd('/') ?? "/graphql";
        return ServeAsync(context, options, "index.html", path);
    }

    public static async Task ServeAsync(HttpContext context, GraphQLServerOptions options, string? file, string? endpoint = null)
    {
        file = string.IsNullOrEmpty(file) ? "index.html" : file;
        if (file.Contains("..", StringComparison.Ordinal) || file.Contains('/', StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var stream = typeof(GraphiQL).Assembly.GetManifestResourceStream(ResourcePrefix + file);
        if (stream is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await using var owned = stream.ConfigureAwait(false);

        context.Response.ContentType = Path.GetExtension(file) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            _ => "application/octet-stream",
        };
        context.Response.Headers.CacheControl = file == "index.html" ? "no-cache" : "public, max-age=3600";
        if (file == "index.html")
        {
            using var reader = new StreamReader(stream);
            var html = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
            endpoint ??= context.Request.Path.Value is { } p && p.Contains("/graphiql", StringComparison.Ordinal) ? p[..p.IndexOf("/graphiql", StringComparison.Ordinal)] : "/graphql";
            // Validated as letters, digits, '_' and '-': safe inside the attribute as it is.
            html = html.Replace("__GRAPHQL_ENDPOINT__", endpoint, StringComparison.Ordinal)
                .Replace("__AUTHORIZATION_FRAGMENT__", options.GraphiQLAuthorizationFragment ?? "", StringComparison.Ordinal);
            await context.Response.WriteAsync(html, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        await stream.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }
}
