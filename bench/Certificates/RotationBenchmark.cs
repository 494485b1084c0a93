using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Twins.Grains.Interfaces.Certificates;
using Twins.Grains.Interfaces.Vehicles;
using Twins.Grains.Routing;

namespace Twins.Bench.Certificates;

/// <summary>
/// Rotating N simulated vehicles at once through the grains of a real silo (SQLite store): the rotation
/// workflow sends rotate-certificate and install-certificate through each vehicle grain's command path;
/// an in-process fake vehicle side answers them as the gateway would hand them over (command response
/// to the vehicle grain, then the rotation hook) and "reconnects" with a connected event carrying the new
/// certificate id. MQTT is not in the path. Baseline in the same run: provisioning the same vehicles
/// (one CSR → ACTIVE each), the nearest same-work operation without the workflow.
/// </summary>
internal sealed class RotationBenchmark : IBenchmark
{
    public string Name => "cert-rotation";

    public string Description => "Certificates: rotate N simulated vehicles (in-process fake vehicle side), all must complete (args: [count] [parallelism])";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var count = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        var parallelism = args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 16;
        var vins = Enumerable.Range(0, count).Select(i => $"ROT{i:D14}").ToArray();
        await using var silo = await CertificateBenchSilo.StartAsync(vins);
        var grains = silo.Grains;

        Console.WriteLine($"Provisioning {count} vehicles (baseline)...");
        var certificateIds = new string[count];
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (i, _) =>
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var csr = new CertificateRequest("CN=Vehicle_" + vins[i], key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
            var grain = grains.GetGrain<IProvisioningGrain>("p" + (i % 8).ToString(CultureInfo.InvariantCulture));
            var created = JsonNode.Parse((await grain.CreateFromCsrAsync("rot-" + vins[i], Json(new JsonObject { ["certificateSigningRequest"] = csr }))).Payload)!;
            var provisioned = await grain.ProvisionAsync("twins-fleet", Json(new JsonObject
            {
                ["certificateOwnershipToken"] = created["certificateOwnershipToken"]!.GetValue<string>(),
                ["parameters"] = new JsonObject { ["vin"] = vins[i] },
            }));
            if (!provisioned.Accepted)
            {
                throw new InvalidOperationException(Encoding.UTF8.GetString(provisioned.Payload));
            }

            certificateIds[i] = created["certificateId"]!.GetValue<string>();
        });
        var provisioningTime = watch.Elapsed;

        // Every vehicle online with its first certificate, so commands are delivered at once.
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (i, _) =>
            await ConnectedAsync(grains, "Vehicle_" + vins[i], certificateIds[i], version: 1));

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var vehicleSide = Enumerable.Range(0, parallelism).Select(_ => Task.Run(() => FakeVehicleAsync(silo, stop.Token), CancellationToken.None)).ToArray();

        Console.WriteLine($"Rotating {count} vehicles...");
        watch.Restart();
        await Parallel.ForEachAsync(vins, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (vin, _) =>
            await grains.GetGrain<IVehicleCertificatesGrain>("Vehicle_" + vin).RotateAsync("benchmark"));

        int completed = 0, failed = 0;
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(3))
        {
            var steps = await Task.WhenAll(vins.Select(v => grains.GetGrain<IVehicleCertificatesGrain>("Vehicle_" + v).GetRotationAsync()));
            completed = steps.Count(s => s?.Step == "Completed");
            failed = steps.Count(s => s?.Step == "Failed");
            if (completed + failed == count)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }

        var rotationTime = watch.Elapsed;
        await stop.CancelAsync();
        await Task.WhenAll(vehicleSide);

        var revoked = (await grains.GetGrain<ICertificateRevocationGrain>(ICertificateRevocationGrain.DefaultKey).ListAsync()).Count;
        Console.WriteLine($"baseline: provisioning {count} vehicles: {provisioningTime.TotalSeconds:F2} s ({count / provisioningTime.TotalSeconds:F0}/s)");
        Console.WriteLine($"rotation: {count} vehicles: {completed} completed, {failed} failed, {count - completed - failed} unfinished in {rotationTime.TotalSeconds:F2} s ({completed / rotationTime.TotalSeconds:F0}/s); {revoked} serials in the CRL");
        Console.WriteLine($"ratio rotation time / provisioning time: {rotationTime.TotalSeconds / provisioningTime.TotalSeconds:F2}");
        return completed == count ? 0 : 1;
    }

    private static async Task FakeVehicleAsync(CertificateBenchSilo silo, CancellationToken cancellationToken)
    {
        var router = new TopicRouter();
        try
        {
            await foreach (var message in silo.Outbound.Commands.ReadAllAsync(cancellationToken))
            {
                if (router.Parse(message.Topic.Replace("/request/json", "/response/json", StringComparison.Ordinal)) is not CommandResponseRoute route)
                {
                    continue;
                }

                var request = JsonNode.Parse(message.Payload.Span)!;
                var command = request["command"]!.GetValue<string>();
                var result = new JsonObject();
                if (command == "rotate-certificate")
                {
                    using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                    result["certificateSigningRequest"] = new CertificateRequest("CN=" + route.ThingName, key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
                }

                var vehicle = silo.Grains.GetGrain<IVehicleGrain>(route.ThingName);
                var certificates = silo.Grains.GetGrain<IVehicleCertificatesGrain>(route.ThingName);
                await vehicle.HandleCommandResponseAsync(route.ExecutionId, Json(new JsonObject { ["status"] = "SUCCEEDED", ["result"] = result }));
                await certificates.OnCommandUpdatedAsync(route.ExecutionId);
                if (command == "install-certificate")
                {
                    await ConnectedAsync(silo.Grains, route.ThingName, request["parameters"]!["certificateId"]!.GetValue<string>(), version: 2);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Done.
        }
    }

    private static async Task ConnectedAsync(IGrainFactory grains, string thingName, string certificateId, long version)
    {
        await grains.GetGrain<IVehicleGrain>(thingName).HandleLifecycleEventAsync(PresenceEventType.Connected, Json(new JsonObject
        {
            ["clientId"] = thingName,
            ["timestamp"] = 1_700_000_000_000 + version,
            ["eventType"] = "connected",
            ["sessionIdentifier"] = thingName + "-" + version.ToString(CultureInfo.InvariantCulture),
            ["principalIdentifier"] = certificateId,
            ["ipAddress"] = "127.0.0.1",
            ["versionNumber"] = version,
        }));
        await grains.GetGrain<IVehicleCertificatesGrain>(thingName).OnConnectedAsync(certificateId);
    }

    private static byte[] Json(JsonObject value) => Encoding.UTF8.GetBytes(value.ToJsonString());
}
