using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Twins.Actors.Hosting;
using Twins.Actors.Membership;

namespace Twins.Bench;

/// <summary>A silo of the actors benchmarks: memory storage, in-memory clustering on a loopback port, warnings only.</summary>
internal static class InMemoryBenchSilo
{
    /// <summary>Starts silo <paramref name="name"/> as a member of <paramref name="table"/>'s cluster.</summary>
    public static async Task<IHost> StartAsync(string name, MemoryMembershipTable table, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddTwinsSilo(o => o.SiloName = name)
            .AddMemoryGrainStorage()
            .AddJsonSerializerContext(ActorsBenchJsonContext.Default)
            .UseInMemoryClustering(table, o => o.SiloPort = 0);
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }
}
