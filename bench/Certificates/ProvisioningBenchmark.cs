using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Twins.Grains.Certificates;
using Twins.Grains.Interfaces.Certificates;

namespace Twins.Bench.Certificates;

/// <summary>
/// Fleet provisioning by claim, CSR → ACTIVE, through the provisioning grain in a real silo (SQLite
/// store): create-from-csr (CSR checks, signing, journal, ownership token, certificate grain written)
/// then provision (token, allow-list grain, certificate claimed and activated, vehicle's certificates
/// grain written). Baseline in the same run: the bare CA issuing the same kind of CSRs (no grains).
/// MQTT is not in the path (the gateway's part is one request/reply per step). Also prints the process's
/// CPU time per vehicle and per certificate: on a shared machine it varies much less than the rates.
/// </summary>
internal sealed class ProvisioningBenchmark : IBenchmark
{
    private const double Target = 200;

    public string Name => "cert-provisioning";

    public string Description => "Certificates: vehicles/s provisioned CSR -> ACTIVE (ECDSA P-256) through the grains vs the bare CA (args: [count] [parallelism])";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var count = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
        var parallelism = args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 16;
        var vins = Enumerable.Range(0, count).Select(i => $"BENCH{i:D12}").ToArray();
        Console.WriteLine($"Preparing {count} ECDSA P-256 keys and CSRs...");
        var csrs = vins.Select(v =>
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            return new CertificateRequest("CN=Vehicle_" + v, key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
        }).ToArray();

        // Baseline: the CA alone.
        var caDirectory = Directory.CreateTempSubdirectory("twins-bench-ca-").FullName;
        double baseline;
        double baselineCpu;
        using (var ca = await InProcessCertificateAuthority.OpenAsync(new CertificateAuthorityOptions { DataDirectory = caDirectory }, TimeProvider.System, cancellationToken))
        {
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (i, ct) =>
            {
                var issued = await ca.IssueFromCsrAsync("baseline-" + i.ToString(CultureInfo.InvariantCulture), csrs[i], null, ct);
                if (!issued.Succeeded)
                {
                    throw new InvalidOperationException(issued.Error!.Message);
                }
            });
            baseline = count / watch.Elapsed.TotalSeconds;
            baselineCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / count;
        }

        Directory.Delete(caDirectory, recursive: true);

        await using var silo = await CertificateBenchSilo.StartAsync(vins);
        var failures = 0;
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (i, _) =>
        {
            var grain = silo.Grains.GetGrain<IProvisioningGrain>("p" + (i % 8).ToString(CultureInfo.InvariantCulture));
            var created = await grain.CreateFromCsrAsync("bench-" + i.ToString(CultureInfo.InvariantCulture), Encoding.UTF8.GetBytes(new JsonObject { ["certificateSigningRequest"] = csrs[i] }.ToJsonString()));
            var token = JsonNode.Parse(created.Payload)!["certificateOwnershipToken"]?.GetValue<string>();
            var provisioned = token is null ? null : await grain.ProvisionAsync("twins-fleet", Encoding.UTF8.GetBytes(new JsonObject
            {
                ["certificateOwnershipToken"] = token,
                ["parameters"] = new JsonObject { ["vin"] = vins[i] },
            }.ToJsonString()));
            if (provisioned is not { Accepted: true })
            {
                Interlocked.Increment(ref failures);
            }
        });
        var elapsed = stopwatch.Elapsed;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalMilliseconds / count;
        var rate = count / elapsed.TotalSeconds;

        // Check: every certificate is ACTIVE for its vehicle.
        var active = 0;
        foreach (var vin in vins)
        {
            var owned = await silo.Grains.GetGrain<IVehicleCertificatesGrain>("Vehicle_" + vin).GetAsync();
            if (owned.ActiveCertificateId is { } id && (await silo.Grains.GetGrain<ICertificateGrain>(id).GetAsync())?.Status == "ACTIVE")
            {
                active++;
            }
        }

        Console.WriteLine($"bare CA issue:        {baseline,8:F0} certificates/s (parallelism {parallelism}); {baselineCpu:F2} ms CPU per certificate");
        Console.WriteLine($"provisioning (grains): {rate,8:F0} vehicles/s CSR -> ACTIVE, {count} in {elapsed.TotalSeconds:F2} s; {active} ACTIVE, {failures} failed; {cpu:F2} ms CPU per vehicle");
        Console.WriteLine($"ratio provisioning / bare CA: {rate / baseline:F2}; target >= {Target} vehicles/s: {(rate >= Target ? "met" : "MISSED")}");
        return failures == 0 && active == count ? 0 : 1;
    }
}
