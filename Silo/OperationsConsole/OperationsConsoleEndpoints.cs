namespace Twins.Silo.OperationsConsole;

/// <summary>Serves the operations console (static files embedded in the silo, no CDN) at <c>/</c>.</summary>
internal static class OperationsConsoleEndpoints
{
    private static readonly (string Path, string Resource, string ContentType)[] Files =
    [
        ("/", "index.html", "text/html; charset=utf-8"),
        ("/console/console.js", "console.js", "text/javascript; charset=utf-8"),
        ("/console/console.css", "console.css", "text/css; charset=utf-8"),
    ];

    public static WebApplication MapOperationsConsole(this WebApplication app)
    {
        foreach (var (path, resource, contentType) in Files)
        {
            var bytes = Read(resource);
            app.MapGet(path, (HttpContext http) =>
            {
                // The page carries no data (everything comes from /graphql with the user's token).
                http.Response.Headers.CacheControl = "no-cache";
                http.Response.Headers["Content-Security-Policy"] = "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:";
                http.Response.Headers.XContentTypeOptions = "nosniff";
                return Results.Bytes(bytes, contentType);
            });
        }

        return app;
    }

    private static byte[] Read(string resource)
    {
        using var stream = typeof(OperationsConsoleEndpoints).Assembly.GetManifestResourceStream("Twins.Silo.OperationsConsole." + resource)
            ?? throw new InvalidOperationException($"The console file {resource} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
