using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Twins.Actors;
using Twins.Actors.Hosting;

namespace Twins.Bench;

/// <summary>A single in-process silo with in-memory storage, as the actor benchmarks use it.</summary>
internal sealed class ActorsBenchSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private ActorsBenchSilo(IHost host) => _host = host;

    public IGrainFactory GrainFactory => _host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<ActorsBenchSilo> StartAsync(CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddTwinsSilo(o => o.CollectionAge = TimeSpan.FromHours(1))
            .AddMemoryGrainStorage()
            .AddJsonSerializerContext(ActorsBenchJsonContext.Default);
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new ActorsBenchSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
