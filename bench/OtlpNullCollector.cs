using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Twins.Bench;

/// <summary>
/// An OTLP/HTTP endpoint on loopback that takes trace exports and discards them (counting requests and bytes), so
/// a benchmark with tracing on pays the real exporter's serialization and HTTP cost without a collector to install.
/// </summary>
internal sealed class OtlpNullCollector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _requests;
    private long _bytes;

    private OtlpNullCollector(WebApplication app) => _app = app;

    /// <summary>Where the OTLP exporter posts traces (protocol http/protobuf).</summary>
    public Uri TracesEndpoint { get; private set; } = null!;

    public long Requests => Interlocked.Read(ref _requests);

    public long Bytes => Interlocked.Read(ref _bytes);

    public static async Task<OtlpNullCollector> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var collector = new OtlpNullCollector(app);
        app.MapPost("/v1/traces", async (HttpContext context) =>
        {
            var buffer = new byte[16 * 1024];
            long length = 0;
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                length += read;
            }

            Interlocked.Increment(ref collector._requests);
            Interlocked.Add(ref collector._bytes, length);

            // An empty ExportTraceServiceResponse: everything accepted.
            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        collector.TracesEndpoint = new Uri(address.TrimEnd('/') + "/v1/traces");
        return collector;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
