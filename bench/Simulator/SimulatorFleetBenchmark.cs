using System.Diagnostics;
using System.Globalization;

namespace Twins.Bench;

/// <summary>
/// The fleet simulator as a load generator: N simulated vehicles (a separate <c>Twins.Simulator</c>
/// process) connect to a local mosquitto and publish telemetry at 1 msg/s each. Reports connections/s,
/// delivered telemetry messages/s (counted by an independent <c>mosquitto_sub</c>), and CPU and memory
/// of the simulator process. The baseline, measured in the same run with the same counter, is N bare
/// libs/Mqtt clients in their own process doing only the MQTT part (connect, one connected event, a
/// same-size payload at the same rate): what the vehicle logic (state, JSON, subscriptions, shadow) adds.
/// </summary>
internal sealed class SimulatorFleetBenchmark : IBenchmark
{
    private const int DefaultVehicles = 1_000;
    private const int DefaultWindowSeconds = 15;

    public string Name => "simulator-fleet";

    public string Description => "Simulator: N vehicles -> mosquitto at 1 msg/s each, connects/s, msg/s, CPU, RSS vs bare MQTT clients (args: [vehicles] [seconds])";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        if (args.Count > 0 && args[0] == BareFleet.Mode)
        {
            return await BareFleet.RunAsync(args, cancellationToken);
        }

        var vehicles = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : DefaultVehicles;
        var window = TimeSpan.FromSeconds(args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : DefaultWindowSeconds);
        var simulator = FindSimulator();
        await using var broker = await MqttBenchBroker.StartAsync(["max_connections -1", "max_queued_messages 100000"], cancellationToken);
        Console.WriteLine($"simulator-fleet: {vehicles} vehicles, telemetry 1 msg/s each, {window.TotalSeconds:0} s window; mosquitto pid {broker.ProcessId} port {broker.Port}");

        var data = Directory.CreateTempSubdirectory("twins-bench-simulator-").FullName;
        try
        {
            var simulated = await MeasureAsync("simulator", broker, vehicles, window, "Vehicle_", port => new ProcessStartInfo("dotnet",
            [
                simulator, "--host", MqttBenchBroker.Host, "--port", port.ToString(CultureInfo.InvariantCulture), "--vehicles", vehicles.ToString(CultureInfo.InvariantCulture),
                "--vin-prefix", "BNCH", "--data", data, "--telemetry-interval", "1", "--connect-rate", "0", "--offline-probability", "0",
                "--plain", "--status-interval", "3600",
            ]), cancellationToken);
            var bare = await MeasureAsync("bare clients", broker, vehicles, window, "Bare_", port => new ProcessStartInfo("dotnet",
            [
                typeof(SimulatorFleetBenchmark).Assembly.Location, Name, BareFleet.Mode, vehicles.ToString(CultureInfo.InvariantCulture), port.ToString(CultureInfo.InvariantCulture),
            ]), cancellationToken);

            Console.WriteLine();
            Console.WriteLine($"{"",-14} {"connect all",12} {"connects/s",11} {"msg/s",9} {"CPU %core",10} {"CPU us/msg",11} {"RSS MB",8} {"RSS KB/veh",11}");
            Print(simulated, vehicles);
            Print(bare, vehicles);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratio simulator/bare: msg/s {simulated.MessagesPerSecond / bare.MessagesPerSecond:0.00}, CPU per msg {simulated.CpuMicrosecondsPerMessage / bare.CpuMicrosecondsPerMessage:0.00}x, RSS {simulated.RssBytes / (double)bare.RssBytes:0.00}x, connects/s {simulated.ConnectsPerSecond / bare.ConnectsPerSecond:0.00}"));
            var expected = vehicles * 0.95;
            Console.WriteLine(simulated.MessagesPerSecond >= expected
                ? $"target: every vehicle at 1 msg/s (>= {expected:0} msg/s delivered): met"
                : $"target: every vehicle at 1 msg/s (>= {expected:0} msg/s delivered): MISSED ({simulated.MessagesPerSecond:0} msg/s)");
            return 0;
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static void Print(Result r, int vehicles) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{r.Label,-14} {r.ConnectAll.TotalSeconds,10:0.00} s {r.ConnectsPerSecond,11:0} {r.MessagesPerSecond,9:0} {r.CpuPercentOfOneCore,10:0.0} {r.CpuMicrosecondsPerMessage,11:0} {r.RssBytes / 1048576.0,8:0.0} {r.RssBytes / 1024.0 / vehicles,11:0.0}"));

    private static async Task<Result> MeasureAsync(string label, MqttBenchBroker broker, int vehicles, TimeSpan window, string clientPrefix, Func<int, ProcessStartInfo> start, CancellationToken cancellationToken)
    {
        await using var counter = await TopicCounter.StartAsync(broker.Port, clientPrefix, cancellationToken);
        var info = start(broker.Port);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{label} did not start.");
        process.OutputDataReceived += (_, _) => { };
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null && errors.Count < 20)
            {
                errors.Enqueue(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (counter.Connected < vehicles)
            {
                if (process.HasExited || clock.Elapsed > TimeSpan.FromMinutes(3))
                {
                    throw new InvalidOperationException($"{label}: only {counter.Connected} of {vehicles} connected after {clock.Elapsed.TotalSeconds:0} s. {string.Join(" | ", errors)}");
                }

                await Task.Delay(50, cancellationToken);
            }

            var connectAll = clock.Elapsed;
            var connectSpan = counter.LastConnectedAt - counter.FirstConnectedAt;

            // Settle for two telemetry periods, then measure a steady window.
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            var messages0 = counter.Telemetry;
            var window0 = Stopwatch.StartNew();
            await Task.Delay(window, cancellationToken);
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpu0;
            var messages = counter.Telemetry - messages0;
            var seconds = window0.Elapsed.TotalSeconds;
            var rss = process.WorkingSet64;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {label}: {vehicles} connected {connectAll.TotalSeconds:0.00} s after launch ({connectSpan.TotalSeconds:0.00} s first to last); {messages} telemetry messages in {seconds:0.0} s"));
            return new Result(label, connectAll, vehicles / Math.Max(connectSpan.TotalSeconds, 0.001), messages / seconds,
                cpu.TotalSeconds / seconds * 100, messages == 0 ? 0 : cpu.TotalMicroseconds / messages, rss);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static string FindSimulator()
    {
        var here = AppContext.BaseDirectory;
        var configuration = here.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        for (var dir = new DirectoryInfo(here); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Twins.sln")))
            {
                var dll = Path.Combine(dir.FullName, "tools", "Simulator", "bin", configuration, "net10.0", "Twins.Simulator.dll");
                return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build the solution ({configuration}) first.");
            }
        }

        throw new InvalidOperationException("Twins.sln not found above " + here);
    }

    private sealed record Result(string Label, TimeSpan ConnectAll, double ConnectsPerSecond, double MessagesPerSecond, double CpuPercentOfOneCore, double CpuMicrosecondsPerMessage, long RssBytes);
}
