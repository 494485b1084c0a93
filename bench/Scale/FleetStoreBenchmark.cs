using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Twins.Grains.FleetIndex;
using Twins.Grains.Interfaces.Vehicles;
using Twins.Silo.Hosting;

namespace Twins.Bench.Scale;

/// <summary>
/// Issue 10's store figure: registers N vehicles in one silo's fleet index (the product path,
/// <see cref="IFleetIndex.UpsertVehicleAsync"/>, SQLite in a temp folder) and then activates M vehicle
/// grains (each loads its state and answers <c>GetConnectionAsync</c>). Reports the registration rate,
/// the fleet count answered over all N, and the silo's memory holding M active twins against the same
/// silo before the activations (the baseline, same run): working set, GC heap, and the difference per twin.
/// </summary>
internal sealed class FleetStoreBenchmark : IBenchmark
{
    private const int DefaultRegistered = 100_000;
    private const int DefaultActive = 10_000;
    private const int Parallelism = 8;

    public string Name => "fleet-store";

    public string Description => "Issue 10: N vehicles registered in the fleet index, M vehicle grains active: registration rate, silo memory per active twin vs the idle silo (args: [registered] [active]; issue figure: 1000000 100000)";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var registered = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : DefaultRegistered;
        var active = Math.Min(registered, args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : DefaultActive);
        var data = Directory.CreateTempSubdirectory("twins-bench-store-").FullName;
        try
        {
            var app = SiloApplication.Build(
                ["--urls", "http://127.0.0.1:0", "--Twins:DataDirectory", data, "--Gateway:Enabled", "false", "--Logging:LogLevel:Default", "Warning"],
                services => services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)));
            await app.StartAsync(cancellationToken);
            try
            {
                var index = app.Services.GetRequiredService<IFleetIndex>();
                var grains = app.Services.GetRequiredService<IGrainFactory>();
                Console.WriteLine($"fleet-store: registering {registered:N0} vehicles ({Parallelism} writers), then activating {active:N0} vehicle grains; data in {data}");

                var clock = Stopwatch.StartNew();
                var now = TimeProvider.System.GetUtcNow();
                var next = -1;
                var progress = Stopwatch.StartNew();
                await Task.WhenAll(Enumerable.Range(0, Parallelism).Select(_ => Task.Run(async () =>
                {
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < registered)
                    {
                        var vin = Vin(i + 1);
                        await index.UpsertVehicleAsync(new FleetVehicleState("Vehicle_" + vin, vin, false, null, 0, null, now), cancellationToken);
                    }
                }, cancellationToken)).Append(Task.Run(async () =>
                {
                    while (Volatile.Read(ref next) < registered)
                    {
                        await Task.Delay(1000, cancellationToken);
                        if (progress.Elapsed > TimeSpan.FromSeconds(30))
                        {
                            progress.Restart();
                            Console.WriteLine($"  {Math.Min(Volatile.Read(ref next), registered):N0} registered after {clock.Elapsed.TotalSeconds:0} s");
                        }
                    }
                }, cancellationToken)));
                var registration = clock.Elapsed;
                clock.Restart();
                var counted = await index.CountAsync(null, cancellationToken);
                var countTime = clock.Elapsed;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  registered {registered:N0} in {registration.TotalSeconds:0.0} s ({registered / registration.TotalSeconds:0} vehicles/s); fleet count over them: {counted.Total:N0} in {countTime.TotalMilliseconds:0} ms; store {DirectorySizeMegabytes(data):0} MB on disk with its write-ahead log"));

                var (workingSet0, heap0) = Memory();
                clock.Restart();
                next = -1;
                await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
                {
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < active)
                    {
                        await grains.GetGrain<IVehicleGrain>("Vehicle_" + Vin(i + 1)).GetConnectionAsync();
                    }
                }, cancellationToken)));
                var activation = clock.Elapsed;
                var (workingSet, heap) = Memory();

                Console.WriteLine();
                Console.WriteLine($"{"",-44} {"working set MB",15} {"GC heap MB",11}");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"idle silo, " + registered.ToString("N0", CultureInfo.InvariantCulture) + " registered (baseline)",-44} {workingSet0 / 1048576.0,15:0} {heap0 / 1048576.0,11:0}"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"+ " + active.ToString("N0", CultureInfo.InvariantCulture) + " active twins",-44} {workingSet / 1048576.0,15:0} {heap / 1048576.0,11:0}"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"per active twin: {(workingSet - workingSet0) / 1024.0 / active:0.0} KB working set, {(heap - heap0) / 1024.0 / active:0.0} KB GC heap; ratio loaded/idle working set {workingSet / (double)workingSet0:0.00}; activations {active / activation.TotalSeconds:0}/s ({activation.TotalSeconds:0.0} s)"));
                return counted.Total == registered ? 0 : 1;
            }
            finally
            {
                await app.StopAsync(CancellationToken.None);
                await app.DisposeAsync();
            }
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string Vin(int index) => "BNCHS" + index.ToString("D12", CultureInfo.InvariantCulture);

    private static (long WorkingSet, long Heap) Memory()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var self = Process.GetCurrentProcess();
        return (self.WorkingSet64, GC.GetTotalMemory(forceFullCollection: false));
    }

    private static double DirectorySizeMegabytes(string directory) =>
        new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) / 1048576.0;
}
