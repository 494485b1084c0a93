using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Twins.Silo.Api;
using Twins.Silo.Api.Authentication;
using Twins.Testing;

namespace Twins.Silo.Tests;

/// <summary>
/// The product as a cluster of real processes: three silos on DynamoDB (dynalite) and a gateway process on one
/// mosquitto, started the way deploy/local-cluster.sh starts them. Vehicles update their shadows over MQTT;
/// graphql-ws subscriptions on every silo receive a vehicle's change from its grain on whichever silo hosts it;
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
        // Every silo verifies bearer tokens with this key, so one operator token works on each silo's graphql-ws endpoint.
        var signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using var cluster = new ProductCluster(dynalite.ServiceUrl, broker.Port, "--Twins:Api:SigningKey", signingKey);
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
        try
        {
            foreach (var thing in Things)
            {
                await Poll.UntilAsync(() => load.UpdateOnceAsync(thing, 1), $"{thing}'s first update accepted");
            }
        }
        catch (TimeoutException e)
        {
            throw new InvalidOperationException(string.Join("\n\n", silos.Append(gateway).Select(p => $"== {p.Name} (exited: {p.Process.HasExited})\n{p.Process.RecentOutput}")), e);
        }

        // Written through the gateway process into grains spread over the silos, read back on each silo.
        foreach (var silo in silos)
        {
            foreach (var thing in Things)
            {
                Assert.Equal(1, await ReportedSeqAsync(silo, thing));
            }
        }

        await VehicleChangedOnEverySiloAsync(silos, Things[0], OperatorToken(signingKey, cluster.DataRoot), load);

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
            HttpResponseMessage response;
            try
            {
                response = await http.PostAsJsonAsync(new Uri(silo.BaseAddress, "/graphql"), new { query = $$"""{ vehicle(thingName: "{{thing}}") { shadow { reported } } }""" });
            }
            catch (HttpRequestException e)
            {
                throw new InvalidOperationException($"{silo.Name} did not answer ({e.Message}); exited: {silo.Process.HasExited}. Its output:\n{silo.Process.RecentOutput}", e);
            }

            using var _ = response;
            var body = await response.Content.ReadAsStringAsync();
            using var document = JsonDocument.Parse(body);
            var reported = document.RootElement.GetProperty("data").GetProperty("vehicle").GetProperty("shadow").GetProperty("reported");
            return reported.GetProperty("seq").GetInt32();
        }
    }

    /// <summary>
    /// Subscribes to <c>vehicleChanged(thingName: <paramref name="thing"/>)</c> with graphql-ws on each of the three silos,
    /// then the vehicle reports <c>seq</c> 2 over MQTT. The vehicle's grain has a single activation in the cluster, on one
    /// silo, and every silo's subscription registers its grain observer on that activation, so at least two of the three
    /// subscriptions are remote: their change reaches them across silos through the observer (a one-way call). Each must
    /// receive the SHADOW change with the new reported value and the shadow version the API shows afterwards.
    /// </summary>
    private static async Task VehicleChangedOnEverySiloAsync(ProductProcess[] silos, string thing, string token, ShadowFleetLoad load)
    {
        var subscribers = new List<NodeClient>();
        try
        {
            foreach (var silo in silos)
            {
                var subscriber = NodeClient.Start("subscribe", new UriBuilder(silo.BaseAddress) { Scheme = "ws", Path = "/graphql" }.Uri.ToString(), token,
                    "subscription($t: String!) { vehicleChanged(thingName: $t) { kind shadowVersion vehicle { shadow { reported version } } } }",
                    $$"""{"t":"{{thing}}"}""", "never");
                subscribers.Add(subscriber);
                using var api = new FleetApiClient(silo.BaseAddress, token);
                await WaitUntilSubscribedAsync(subscriber, api, thing);
            }

            Assert.True(await load.UpdateOnceAsync(thing, 2), $"{thing}'s update of seq 2 accepted");

            using var reader = new FleetApiClient(silos[0].BaseAddress, token);
            var version = (long)(await reader.DataAsync($$"""{ vehicle(thingName: "{{thing}}") { shadow { version } } }"""))["vehicle"]!["shadow"]!["version"]!;
            foreach (var (silo, subscriber) in silos.Zip(subscribers))
            {
                var line = await subscriber.NextAsync(l => l["next"]?["data"]?["vehicleChanged"]?["kind"]?.ToString() == "SHADOW");
                var change = line["next"]!["data"]!["vehicleChanged"]!;
                Assert.True((int)change["vehicle"]!["shadow"]!["reported"]!["seq"]! == 2, $"{silo.Name}'s subscriber got {change.ToJsonString()}");
                Assert.Equal(version, (long)change["shadowVersion"]!);
            }
        }
        finally
        {
            foreach (var subscriber in subscribers)
            {
                await subscriber.DisposeAsync();
            }
        }
    }

    /// <summary>The silo registers the grain observer after the client's subscribe: probe with critical-message changes until one arrives.</summary>
    private static async Task WaitUntilSubscribedAsync(NodeClient subscriber, FleetApiClient api, string thing)
    {
        Assert.True((bool)(await subscriber.NextAsync())["connected"]!);
        await Poll.UntilAsync(async () =>
        {
            await api.DataAsync($$"""mutation { clearCriticalMessage(input: { thingName: "{{thing}}" }) { errors { __typename } } }""");
            while (subscriber.TryTake(out var line))
            {
                Assert.Null(line["error"]);
                if (line["next"]?["data"]?["vehicleChanged"]?["kind"]?.ToString() == "CRITICAL_MESSAGE")
                {
                    return true;
                }
            }

            return false;
        }, "the subscription to be registered");
    }

    private static string OperatorToken(string signingKey, string dataDirectory)
    {
        var options = Options.Create(new ApiAuthenticationOptions { SigningKey = signingKey });
        return new ApiTokenIssuer(options, new ApiSigningKey(options, new ApiKeyLocation(dataDirectory)), TimeProvider.System)
            .IssueToken("cluster-test-operator", FleetCaller.Operator, null, TimeSpan.FromHours(1));
    }
}
