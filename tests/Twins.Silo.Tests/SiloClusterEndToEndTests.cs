using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Twins.Testing;

namespace Twins.Silo.Tests;

/// <summary>
/// The product as a cluster of real processes: three silos on DynamoDB (dynalite) and a gateway process on one
/// mosquitto, started the way deploy/local-cluster.sh starts them. Vehicles update their shadows over MQTT;
/// one silo is killed with SIGKILL.
/// </summary>
public sealed class SiloClusterEndToEndTests
{
    private static readonly string[] Things = [.. Enumerable.Range(1, 12).Select(i => $"cluster-car-{i:D2}")];

    [Fact]
    public async Task SiloKilled_ShadowUpdatesThroughMqtt_VisibleOnOtherSilosAndNoAcknowledgedUpdateLost()
    {
        await using var dynalite = await DynaliteServer.StartAsync();
        await using var broker = await MosquittoBroker.StartAsync();
        await using var cluster = new ProductCluster(dynalite.ServiceUrl, broker.Port);
        var silo1 = cluster.StartSilo(1);
        await ProductCluster.WaitReadyAsync(silo1);
        ProductProcess[] silos = [silo1, cluster.StartSilo(2), cluster.StartSilo(3)];
        var gateway = cluster.StartGateway();
        foreach (var process in silos.Skip(1).Append(gateway))
        {
            await ProductCluster.WaitReadyAsync(process);
        }

        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", cluster.ApiKey);
        await using var load = await ShadowFleetLoad.ConnectAsync(MosquittoBroker.Host, broker.Port, Things, connections: 2);
        foreach (var thing in Things)
        {
            await Poll.UntilAsync(() => load.UpdateOnceAsync(thing, 1), $"{thing}'s first update accepted");
        }

        // Written through the gateway process into grains spread over the silos, read back on each silo.
        foreach (var silo in silos)
        {
            foreach (var thing in Things)
            {
                Assert.Equal(1, await ReportedSeqAsync(silo, thing));
            }
        }

        load.Start();
        await Poll.UntilAsync(() => load.AcknowledgedSeq().Values.All(seq => seq >= 3), "every vehicle updating under load");
        silos[1].Process.Signal(Posix.SigKill);
        var killedAt = Stopwatch.GetTimestamp();

        // Every vehicle answers again: an update published after the kill was accepted, grains of the dead silo included.
        await Poll.UntilAsync(() => load.NotAnsweredSince(killedAt).Count == 0, "every vehicle answering after silo2 was killed", TimeSpan.FromMinutes(2));
        await load.StopAsync();
        var acknowledged = load.AcknowledgedSeq();
        foreach (var silo in new[] { silos[0], silos[2] })
        {
            foreach (var thing in Things)
            {
                var shown = await ReportedSeqAsync(silo, thing);
                Assert.True(shown >= acknowledged[thing], $"{thing}: {silo.Name} shows seq {shown} but seq {acknowledged[thing]} was acknowledged");
            }
        }

        async Task<int> ReportedSeqAsync(ProductProcess silo, string thing)
        {
            using var response = await http.PostAsJsonAsync(new Uri(silo.BaseAddress, "/graphql"), new { query = $$"""{ vehicle(thingName: "{{thing}}") { shadow { reported } } }""" });
            var body = await response.Content.ReadAsStringAsync();
            using var document = JsonDocument.Parse(body);
            var reported = document.RootElement.GetProperty("data").GetProperty("vehicle").GetProperty("shadow").GetProperty("reported");
            return reported.GetProperty("seq").GetInt32();
        }
    }
}
