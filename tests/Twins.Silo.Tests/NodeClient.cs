using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Twins.Testing;

namespace Twins.Silo.Tests;

/// <summary>Runs Scripts/fleet.mjs (graphql-ws and graphql-js from npm) and streams its JSON lines.</summary>
public sealed class NodeClient : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<JsonObject> _lines = Channel.CreateUnbounded<JsonObject>();
    private readonly StringBuilder _stderr = new();

    private NodeClient(Process process) => _process = process;

    public static string Script => Path.Combine(RepositoryPaths.Root, "tests", "Twins.Silo.Tests", "Scripts", "fleet.mjs");

    public static NodeClient Start(params string[] arguments)
    {
        var info = new ProcessStartInfo(Tools.Node)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(Script);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var client = new NodeClient(new Process { StartInfo = info, EnableRaisingEvents = true });
        client._process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                client._lines.Writer.TryComplete();
            }
            else if (e.Data.Length > 0)
            {
                client._lines.Writer.TryWrite((JsonObject)JsonNode.Parse(e.Data)!);
            }
        };
        client._process.ErrorDataReceived += (_, e) =>
        {
            lock (client._stderr)
            {
                client._stderr.AppendLine(e.Data);
            }
        };
        client._process.Start();
        client._process.BeginOutputReadLine();
        client._process.BeginErrorReadLine();
        return client;
    }

    /// <summary>The next JSON line, failing with what the script said if it ends first or 60 s pass.</summary>
    public async Task<JsonObject> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            if (await _lines.Reader.WaitToReadAsync(timeout.Token) && _lines.Reader.TryRead(out var line))
            {
                return line;
            }
        }
        catch (OperationCanceledException)
        {
        }

        lock (_stderr)
        {
            throw new InvalidOperationException("fleet.mjs produced no further line: " + _stderr);
        }
    }

    /// <summary>A line if one has arrived.</summary>
    public bool TryTake(out JsonObject line) => _lines.Reader.TryRead(out line!);

    /// <summary>Reads lines until one satisfies <paramref name="predicate"/>.</summary>
    public async Task<JsonObject> NextAsync(Func<JsonObject, bool> predicate)
    {
        while (true)
        {
            var line = await NextAsync();
            if (predicate(line))
            {
                return line;
            }
        }
    }

    public static async Task<string> RunToEndAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo(Tools.Node)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(Script);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode == 0 ? await stdout : throw new InvalidOperationException($"fleet.mjs exited with {process.ExitCode}: {await stderr}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
