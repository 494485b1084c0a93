using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Twins.Actors;
using Twins.Actors.Client;
using Twins.Actors.ClusterHost;
using Twins.Actors.Membership;
using Twins.Testing;

namespace Twins.Bench;

/// <summary>
/// A cluster of real silo processes (tests/Twins.Actors.ClusterHost, default settings) on a real
/// dynalite, and a cluster client in this process: what the failover and scale-out benchmarks drive.
/// </summary>
internal sealed class ProcessCluster : IAsyncDisposable
{
    private readonly DynaliteServer _dynalite;
    private readonly IHost _client;

    private ProcessCluster(DynaliteServer dynalite, IHost client)
    {
        _dynalite = dynalite;
        _client = client;
    }

    /// <summary>The silo processes, in start order (killed or stopped ones stay in the list).</summary>
    public List<ExternalProcess> Silos { get; } = [];

    /// <summary>The client's membership view.</summary>
    public IClusterMembership Membership => _client.Services.GetRequiredService<IClusterMembership>();

    /// <summary>The client's grain factory (calls go to each grain's owner directly).</summary>
    public IGrainFactory Factory => _client.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Starts dynalite, <paramref name="silos"/> silo processes and the client; waits until all are Active.</summary>
    public static async Task<ProcessCluster> StartAsync(int silos, CancellationToken cancellationToken)
    {
        var dynalite = await DynaliteServer.StartAsync(cancellationToken);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddTwinsDynamoDbClient(o =>
        {
            o.CreateClient = () => ClusterHostDynamo.CreateClient(dynalite.ServiceUrl.ToString());
            o.TableName = "TwinsMembership";
        }).AddJsonSerializerContext(ClusterHostJsonContext.Default);
        var cluster = new ProcessCluster(dynalite, builder.Build());
        try
        {
            for (var i = 0; i < silos; i++)
            {
                cluster.AddSilo();
            }

            await cluster._client.StartAsync(cancellationToken);
            await cluster.WaitForActiveAsync(silos, cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one more silo process (named s1, s2, … in start order) on a free port.</summary>
    public ExternalProcess AddSilo()
    {
        var silo = ClusterHostProcess.Start(_dynalite.ServiceUrl, $"s{Silos.Count + 1}", FreePort.Next());
        Silos.Add(silo);
        return silo;
    }

    /// <summary>Waits (60 s at most) until the client's view has exactly <paramref name="count"/> Active silos.</summary>
    public Task WaitForActiveAsync(int count, CancellationToken cancellationToken) =>
        Poll.UntilAsync(async () =>
        {
            await Membership.RefreshAsync(cancellationToken);
            return Membership.CurrentView.ActiveSilos.Count == count;
        }, $"{count} active silos", TimeSpan.FromSeconds(60), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _client.StopAsync(CancellationToken.None);
        }
        finally
        {
            _client.Dispose();
            foreach (var silo in Silos)
            {
                await silo.DisposeAsync();
            }

            await _dynalite.DisposeAsync();
        }
    }
}
