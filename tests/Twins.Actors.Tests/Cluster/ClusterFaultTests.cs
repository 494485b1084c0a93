using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Twins.Actors.Client;
using Twins.Actors.ClusterHost;
using Twins.Actors.Membership;
using Twins.Actors.Storage.DynamoDb;
using Twins.Testing;

namespace Twins.Actors.Tests.Cluster;

/// <summary>Three real silo processes on dynalite under a state-writing load; one is killed with SIGKILL.</summary>
public sealed class ClusterFaultTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>
{
    private const int Grains = 30;

    [Fact]
    public async Task KillSilo_UnderWriteLoad_EveryGrainAnswersAgainAndNoAcknowledgedWriteIsLost()
    {
        var silos = new List<ExternalProcess>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                silos.Add(StartSilo($"fault{i}"));
            }

            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Services.AddTwinsDynamoDbClient(o =>
            {
                o.CreateClient = dynalite.Server.CreateClient;
                o.TableName = "TwinsMembership";
            }).AddJsonSerializerContext(ClusterHostJsonContext.Default);
            using var client = builder.Build();
            var membership = client.Services.GetRequiredService<IClusterMembership>();
            await client.StartAsync();
            await Poll.UntilAsync(async () =>
            {
                silos.ForEach(s => s.ThrowIfExited("a silo"));
                await membership.RefreshAsync();
                return membership.CurrentView.ActiveSilos.Count == 3;
            }, "three silos to join", TimeSpan.FromSeconds(60));

            var factory = client.Services.GetRequiredService<IGrainFactory>();
            var acknowledged = new int[Grains];
            var attempted = new int[Grains];
            var acksAfterKill = new int[Grains];
            var killed = 0;
            using var stop = new CancellationTokenSource();
            var workers = Enumerable.Range(0, Grains).Select(g => Task.Run(async () =>
            {
                var grain = factory.GetGrain<ICounterGrain>($"fault-{g}");
                for (var value = 1; !stop.IsCancellationRequested; value++)
                {
                    attempted[g] = value;
                    try
                    {
                        await grain.SetAsync(value);
                        Volatile.Write(ref acknowledged[g], value);
                        if (Volatile.Read(ref killed) == 1)
                        {
                            Interlocked.Increment(ref acksAfterKill[g]);
                        }
                    }
#pragma warning disable CA1031 // a call to a dead silo fails until the cluster notices; the worker keeps going
                    catch (Exception)
#pragma warning restore CA1031
                    {
                        await Task.Yield();
                    }
                }
            })).ToArray();

            await Poll.UntilAsync(() => acknowledged.All(a => a > 3), "every grain to take writes");
            silos[1].Signal(Posix.SigKill);
            Volatile.Write(ref killed, 1);
            await Poll.UntilAsync(() => acksAfterKill.All(a => a > 3), "every grain to answer again after the kill", TimeSpan.FromSeconds(40));
            await stop.CancelAsync();
            await Task.WhenAll(workers);

            Assert.Equal(2, membership.CurrentView.ActiveSilos.Count);
            for (var g = 0; g < Grains; g++)
            {
                var stored = (await factory.GetGrain<ICounterGrain>($"fault-{g}").GetAsync()).Value;
                // Never behind the last acknowledged write (nothing lost, no stale overwrite); at most the
                // last attempted one (a write whose answer was lost may have landed).
                Assert.InRange(stored, acknowledged[g], attempted[g]);
            }

            await client.StopAsync();
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }

    private ExternalProcess StartSilo(string name) =>
        ClusterHostProcess.Start(dynalite.Server.ServiceUrl, name, FreePort.Next());
}
