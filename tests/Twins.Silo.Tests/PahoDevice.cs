using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Twins.Testing;

namespace Twins.Silo.Tests;

/// <summary>Runs Devices/device.py (python3-paho-mqtt, not our client) with a plan and returns what it received.</summary>
public static class PahoDevice
{
    public static Task<IReadOnlyList<DeviceMessage>> RunAsync(int port, string clientId, JsonArray plan) => RunAsync(port, clientId, plan, tls: null);

    /// <summary>With <paramref name="tls"/>: mutual TLS, trusting its CA file and presenting its certificate and key (PEM files).</summary>
    public static async Task<IReadOnlyList<DeviceMessage>> RunAsync(int port, string clientId, JsonArray plan, (string CaFile, string CertFile, string KeyFile)? tls)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var script = Path.Combine(AppContext.BaseDirectory, "Devices", "device.py");
        var start = new ProcessStartInfo(Tools.Python3)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { script, MosquittoBroker.Host, port.ToString(System.Globalization.CultureInfo.InvariantCulture), clientId })
        {
            start.ArgumentList.Add(argument);
        }

        if (tls is { } files)
        {
            start.ArgumentList.Add(files.CaFile);
            start.ArgumentList.Add(files.CertFile);
            start.ArgumentList.Add(files.KeyFile);
        }

        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(plan.ToJsonString());
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var stdout = await output;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"device.py exited with {process.ExitCode}: {await errors}\nreceived:\n{stdout}");
        }

        return [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonSerializer.Deserialize<DeviceMessage>(line, JsonSerializerOptions.Web)!)];
    }
}
