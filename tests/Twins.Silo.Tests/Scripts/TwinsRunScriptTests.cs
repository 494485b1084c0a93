using System.Diagnostics;
using System.Globalization;
using System.Text;
using Twins.Testing;

namespace Twins.Silo.Tests.Scripts;

/// <summary>
/// `./twins run` as a user starts it from a terminal: in its own process group, stopped by the signal a
/// terminal's Ctrl-C sends to the whole group (or SIGTERM from a service manager). Broker, silo and
/// simulator must all be gone within 10 s and the script must exit 0, whichever of them dies first.
/// </summary>
public sealed class TwinsRunScriptTests
{
    private const int SigInt = 2;
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(SigInt)]
    [InlineData(Posix.SigTerm)]
    public async Task Run_SignalToProcessGroup_StopsBrokerSiloAndSimulatorWithStatusZero(int signal)
    {
        var data = Directory.CreateTempSubdirectory("twins-run-");
        var output = new StringBuilder();
        using var run = StartInOwnGroup(data.FullName, output);
        try
        {
            await Poll.UntilAsync(
                () => Printed(output, "Press Ctrl-C to stop.") || (run.HasExited ? throw new InvalidOperationException($"./twins run exited with {run.ExitCode}:\n{Printed(output)}") : false),
                "./twins run to print its links",
                TimeSpan.FromMinutes(2));

            // setsid executes the script in place (a child of the test host leads no group), so the script's
            // pid is its group's id, as with a shell's foreground job.
            var group = run.Id;
            var started = ProcessesIn(group);
            Assert.Contains(started, p => p.Contains("mosquitto", StringComparison.Ordinal));
            Assert.Contains(started, p => p.Contains("Twins.Silo.dll", StringComparison.Ordinal));
            Assert.Contains(started, p => p.Contains("Twins.Simulator.dll", StringComparison.Ordinal));

            Assert.Equal(0, Posix.Kill(-group, signal));

            await Poll.UntilAsync(() => ProcessesIn(group).Count == 0 && run.HasExited, $"every process of ./twins run's group to end (left: {string.Join("; ", ProcessesIn(group))})", StopDeadline);
            Assert.True(0 == run.ExitCode, $"./twins run exited with {run.ExitCode}:\n{Printed(output)}");
        }
        finally
        {
            // A failed run must not leave a broker or silo behind for the next test.
            if (!run.HasExited)
            {
                Posix.Kill(-run.Id, Posix.SigKill);
            }

            data.Delete(recursive: true);
        }
    }

    private static Process StartInOwnGroup(string data, StringBuilder output)
    {
        var info = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        info.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "twins"));
        info.ArgumentList.Add("run");
        info.Environment["TWINS_DATA"] = data;
        info.Environment["TWINS_URLS"] = $"http://127.0.0.1:{FreePort.Next()}";
        info.Environment["TWINS_MQTT_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        info.Environment["TWINS_MQTTS_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        info.Environment["TWINS_RUN_VEHICLES"] = "2";
        // The solution is already built (the tests run from it); building again would also leave MSBuild
        // and compiler servers in the group.
        info.Environment["TWINS_NO_BUILD"] = "1";
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Keep(output, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Keep(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Printed(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static bool Printed(StringBuilder output, string text) => Printed(output).Contains(text, StringComparison.Ordinal);

    /// <summary>The command lines of the live (not zombie) processes in process group <paramref name="group"/>, from /proc.</summary>
    private static List<string> ProcessesIn(int group)
    {
        var members = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                continue;
            }

            try
            {
                // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so split after the last ')'.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[0] != "Z" && fields[2] == group.ToString(CultureInfo.InvariantCulture))
                {
                    members.Add(File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' '));
                }
            }
            catch (IOException)
            {
                // The process ended while being read.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to read.
            }
        }

        return members;
    }
}
