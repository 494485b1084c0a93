using System.Globalization;
using System.Text.Json;
using Twins.Testing;

namespace Twins.Silo.Tests.Observability;

/// <summary>The silo as a real process writes one JSON object per log line when asked to.</summary>
public sealed class StructuredLoggingTests
{
    [Fact]
    public async Task Silo_JsonConsoleFormatter_WritesOneJsonObjectPerLine()
    {
        var data = Directory.CreateTempSubdirectory("twins-jsonlog-");
        var port = FreePort.Next();
        try
        {
            await using (var process = ExternalProcess.Start(
                "dotnet",
                [
                    Path.Combine(AppContext.BaseDirectory, "Twins.Silo.dll"),
                    "--urls", $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
                    "--Twins:DataDirectory", data.FullName,
                    "--Gateway:Enabled", "false",
                    "--Logging:Console:FormatterName", "json",
                ]))
            {
                await Poll.UntilAsync(() => { process.ThrowIfExited("the silo"); return process.RecentOutput.Contains("Now listening on", StringComparison.Ordinal); }, "the silo's start-up log", TimeSpan.FromSeconds(60));

                var line = process.RecentOutput.Split('\n').Single(l => l.Contains("Now listening on", StringComparison.Ordinal));
                using var entry = JsonDocument.Parse(line);
                Assert.Equal("Information", entry.RootElement.GetProperty("LogLevel").GetString());
                Assert.Equal("Microsoft.Hosting.Lifetime", entry.RootElement.GetProperty("Category").GetString());
                Assert.Equal($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", entry.RootElement.GetProperty("State").GetProperty("address").GetString());
            }
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }
}
