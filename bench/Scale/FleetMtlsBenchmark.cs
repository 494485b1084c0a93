using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Twins.Grains.TelemetrySink;
using Twins.Silo.Cli;
using Twins.Silo.Hosting;

namespace Twins.Bench.Scale;

/// <summary>
/// Issue 10's fleet figure: N simulated vehicles (the simulator, its own process) connected over mutual
/// TLS to one mosquitto (deploy/mosquitto's config and ACL), one silo (in this process, gateway inside on
/// the plain loopback listener, SQLite store and sink), telemetry at 1 msg/s each. Reports the silo's CPU
/// and memory, telemetry persisted per second against what reached the broker (the baseline, counted in
/// the same run by an independent <c>mosquitto_sub</c>), and the publish-to-persisted latency (vehicle's
/// <c>timestamp</c> to the sink's committed write). Vehicles provision themselves by claim on their first
/// run; the CA, the silo's store and the vehicles' keys and certificates stay in
/// <c>.twins/bench/fleet-mtls</c>, so later runs reuse them (delete that folder to provision again).
/// </summary>
internal sealed class FleetMtlsBenchmark : IBenchmark
{
    private const string VinPrefix = "BNCHM";
    private const int DefaultVehicles = 1_000;
    private const int DefaultWindowSeconds = 20;

    public string Name => "fleet-mtls";

    public string Description => "Issue 10: N vehicles over mTLS (provisioned by claim, reused between runs) -> mosquitto -> one silo: silo CPU/memory, telemetry persisted vs published, p99 publish-to-persisted (args: [vehicles] [seconds])";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var vehicles = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : DefaultVehicles;
        var window = TimeSpan.FromSeconds(args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : DefaultWindowSeconds);
        var root = RepositoryRoot();
        var state = Path.Combine(root, ".twins", "bench", "fleet-mtls");
        var siloData = Path.Combine(state, "silo");
        var caDirectory = Path.Combine(siloData, "ca");
        var claimDirectory = Path.Combine(state, "claim");
        var simulatorData = Path.Combine(state, "simulator");
        Directory.CreateDirectory(state);

        // A fresh telemetry table per run (the measurement needs no history; 10,000 msg/s would grow it fast).
        foreach (var file in Directory.Exists(siloData) ? Directory.GetFiles(siloData, "telemetry.db*") : [])
        {
            File.Delete(file);
        }

        // The claim certificate comes from the silo's CA, issued before the silo opens it (as ./twins run does).
        if (await ClaimCertificateCommand.RunAsync(["--data", siloData, "--out", claimDirectory, "--name", "twins-bench-claim"], TextWriter.Null, Console.Error, cancellationToken) != 0)
        {
            return 1;
        }

        var provisionedBefore = Enumerable.Range(1, vehicles).Count(i => File.Exists(Path.Combine(simulatorData, "vehicles", Vin(i), "certificate.pem")));
        Console.WriteLine($"fleet-mtls: {vehicles} vehicles over mutual TLS, telemetry 1 msg/s each, {window.TotalSeconds:0} s window; {provisionedBefore} already provisioned (state in {state}); open-files limit of this process and its children: {OpenFilesLimit()}");

        await using var broker = await MtlsBenchBroker.StartAsync(root, Path.Combine(state, "mosquitto"), caDirectory, cancellationToken);
        PersistLatencySink? sink = null;
        var siloArgs = new List<string>
        {
            "--urls", "http://127.0.0.1:0",
            "--Twins:DataDirectory", siloData,
            "--Gateway:Enabled", "true",
            "--Gateway:Host", "127.0.0.1",
            "--Gateway:Port", broker.PlainPort.ToString(CultureInfo.InvariantCulture),
            "--Gateway:ClientIdPrefix", "bench-gw",
            "--Logging:LogLevel:Default", "Warning",
        };
        for (var i = 1; i <= vehicles; i++)
        {
            siloArgs.Add($"--Certificates:AllowedVins:{i - 1}");
            siloArgs.Add(Vin(i));
        }

        var app = SiloApplication.Build([.. siloArgs], services =>
        {
            services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
            services.AddSingleton<ITelemetrySink>(sp =>
            {
                sink = new PersistLatencySink(new SqliteTelemetrySink(new SqliteTelemetrySinkOptions { DataSource = Path.Combine(siloData, "telemetry.db") }, sp.GetRequiredService<ILogger<SqliteTelemetrySink>>()), TimeProvider.System);
                return sink;
            });
        });
        await app.StartAsync(cancellationToken);
        try
        {
            _ = app.Services.GetRequiredService<ITelemetrySink>();
            await app.Services.GetRequiredService<Twins.Gateway.GatewayService>().Started.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            await using var counter = await TopicCounter.StartAsync(broker.PlainPort, "Vehicle_" + VinPrefix, cancellationToken);
            using var simulator = StartSimulator(broker, vehicles, simulatorData, claimDirectory, connectRate: ConnectRate(provisionedBefore, vehicles));
            var lastStatus = "";
            simulator.OutputDataReceived += (_, e) => lastStatus = e.Data ?? lastStatus;
            simulator.ErrorDataReceived += (_, e) => lastStatus = e.Data ?? lastStatus;
            simulator.BeginOutputReadLine();
            simulator.BeginErrorReadLine();
            try
            {
                var clock = Stopwatch.StartNew();
                var limit = TimeSpan.FromSeconds((2 * vehicles / (double)ConnectRate(provisionedBefore, vehicles)) + 300);
                var progress = Stopwatch.StartNew();
                while (counter.Connected < vehicles)
                {
                    if (simulator.HasExited || clock.Elapsed > limit)
                    {
                        Console.WriteLine($"only {counter.Connected} of {vehicles} connected after {clock.Elapsed.TotalSeconds:0} s; simulator: {lastStatus}");
                        return 1;
                    }

                    if (progress.Elapsed > TimeSpan.FromSeconds(15))
                    {
                        progress.Restart();
                        Console.WriteLine($"  {clock.Elapsed.TotalSeconds:0} s: {counter.Connected} connected; simulator: {lastStatus}");
                    }

                    await Task.Delay(200, cancellationToken);
                }

                var connectAll = clock.Elapsed;
                Console.WriteLine($"  all {vehicles} connected {connectAll.TotalSeconds:0.0} s after launch ({vehicles - provisionedBefore} provisioned by claim in this run)");

                // Settle (every vehicle's grain activated, first samples through), then a steady window.
                await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
                using var self = Process.GetCurrentProcess();
                simulator.Refresh();
                var siloCpu0 = self.TotalProcessorTime;
                var simulatorCpu0 = simulator.TotalProcessorTime;
                var published0 = counter.Telemetry;
                var persisted0 = sink!.Committed;
                sink.StartRecording();
                var measured = Stopwatch.StartNew();
                await Task.Delay(window, cancellationToken);
                var latencies = sink.StopRecording();
                var seconds = measured.Elapsed.TotalSeconds;
                self.Refresh();
                simulator.Refresh();
                var published = (counter.Telemetry - published0) / seconds;
                var persisted = (sink.Committed - persisted0) / seconds;
                var siloCpu = (self.TotalProcessorTime - siloCpu0).TotalSeconds / seconds * 100;
                var simulatorCpu = (simulator.TotalProcessorTime - simulatorCpu0).TotalSeconds / seconds * 100;
                var gc = GC.GetGCMemoryInfo();
                latencies.Sort();

                Console.WriteLine();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  published (reached the broker, mosquitto_sub): {published,9:0} msg/s   <- baseline"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  persisted (silo sink commits):                 {persisted,9:0} msg/s   ratio {persisted / Math.Max(published, 1):0.00}"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  publish -> persisted latency: p50 {Percentile(latencies, 0.50):0} ms, p99 {Percentile(latencies, 0.99):0} ms, max {(latencies.Count == 0 ? 0 : latencies[^1]):0} ms ({latencies.Count} samples)"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  silo (this process): CPU {siloCpu:0} % of one core, working set {Environment.WorkingSet / 1048576.0:0} MB, GC heap {gc.HeapSizeBytes / 1048576.0:0} MB"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  simulator: CPU {simulatorCpu:0} % of one core, RSS {simulator.WorkingSet64 / 1048576.0:0} MB; mosquitto RSS {RssMegabytes(broker.Process):0} MB"));
                var expected = vehicles * 0.95;
                Console.WriteLine(persisted >= expected
                    ? string.Create(CultureInfo.InvariantCulture, $"target: every vehicle at 1 msg/s persisted (>= {expected:0} msg/s): met")
                    : string.Create(CultureInfo.InvariantCulture, $"target: every vehicle at 1 msg/s persisted (>= {expected:0} msg/s): MISSED ({persisted:0} msg/s)"));
                return 0;
            }
            finally
            {
                if (!simulator.HasExited)
                {
                    simulator.Kill(entireProcessTree: true);
                }

                await simulator.WaitForExitAsync(CancellationToken.None);
            }
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }

    // A TLS handshake costs the single-threaded broker far more than a plain connect, and provisioning
    // (two requests through the silo's CA per vehicle) is slower still: ramp so retries do not storm.
    private static int ConnectRate(int provisioned, int vehicles) => provisioned >= vehicles ? 200 : 25;

    private static string Vin(int index) => VinPrefix + index.ToString("D12", CultureInfo.InvariantCulture);

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static double RssMegabytes(Process process)
    {
        process.Refresh();
        return process.HasExited ? 0 : process.WorkingSet64 / 1048576.0;
    }

    private static string OpenFilesLimit()
    {
        try
        {
            var line = File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
            return line is null ? "?" : string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(3).Take(2));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static Process StartSimulator(MtlsBenchBroker broker, int vehicles, string data, string claimDirectory, int connectRate)
    {
        var dll = Path.Combine(RepositoryRoot(), "tools", "Simulator", "bin", "Release", "net10.0", "Twins.Simulator.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build the solution (Release) first.");
        }

        var info = new ProcessStartInfo("dotnet",
        [
            dll, "--host", "127.0.0.1", "--port", broker.TlsPort.ToString(CultureInfo.InvariantCulture),
            "--ca", broker.ServerCertificateFile, "--provision",
            "--claim-certificate", Path.Combine(claimDirectory, ClaimCertificateCommand.CertificateFile),
            "--claim-key", Path.Combine(claimDirectory, ClaimCertificateCommand.KeyFile),
            "--vehicles", vehicles.ToString(CultureInfo.InvariantCulture), "--vin-prefix", VinPrefix, "--data", data,
            "--telemetry-interval", "1", "--connect-rate", connectRate.ToString(CultureInfo.InvariantCulture),
            "--offline-probability", "0", "--command-failure-probability", "0", "--command-timeout-probability", "0",
            "--plain", "--status-interval", "10",
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        return Process.Start(info) ?? throw new InvalidOperationException("the simulator did not start.");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Twins.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Twins.sln not found above " + AppContext.BaseDirectory);
    }
}
