using System.Globalization;
using Spectre.Console;

namespace Twins.Simulator;

/// <summary>
/// Shows the fleet's live counts: a Spectre.Console table redrawn every second on a terminal, plain
/// one-line summaries every few seconds when the output is redirected (logs, CI, docker).
/// </summary>
internal sealed class FleetReporter
{
    private readonly SimulatedFleet _fleet;
    private readonly SimulatorOptions _options;
    private readonly TimeProvider _time;
    private long _lastTelemetry;
    private long _lastConnects;
    private long _lastTimestamp;

    public FleetReporter(SimulatedFleet fleet, SimulatorOptions options, TimeProvider timeProvider)
    {
        _fleet = fleet;
        _options = options;
        _time = timeProvider;
        _lastTimestamp = _time.GetTimestamp();
    }

    /// <summary>Reports until <paramref name="until"/> completes.</summary>
    public async Task RunAsync(Task until, bool interactive, TimeSpan plainInterval, CancellationToken cancellationToken)
    {
        if (!interactive)
        {
            Console.WriteLine(Header());
            while (!until.IsCompleted && !cancellationToken.IsCancellationRequested)
            {
                await Task.WhenAny(until, Task.Delay(plainInterval, _time, cancellationToken)).ConfigureAwait(false);
                Console.WriteLine(PlainLine());
            }

            return;
        }

        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(Header())}[/]");
        var table = new Table().Border(TableBorder.Rounded).AddColumn("").AddColumn(new TableColumn("").RightAligned());
        await AnsiConsole.Live(table).AutoClear(false).StartAsync(async context =>
        {
            while (!until.IsCompleted && !cancellationToken.IsCancellationRequested)
            {
                Fill(table);
                context.Refresh();
                await Task.WhenAny(until, Task.Delay(TimeSpan.FromSeconds(1), _time, cancellationToken)).ConfigureAwait(false);
            }

            Fill(table);
            context.Refresh();
        }).ConfigureAwait(false);
    }

    private string Header() =>
        string.Create(CultureInfo.InvariantCulture, $"Twins fleet simulator: {_options.Vehicles} vehicles ({VehicleIdentity.Vin(_options.VinPrefix, _options.FirstIndex)}..) -> mqtt{(_options.CertificateAuthority is null ? "" : "s")}://{_options.Host}:{_options.Port}, telemetry every {_options.TelemetryInterval.TotalSeconds:0.###} s, data in {_options.DataDirectory}");

    private (double TelemetryPerSecond, double ConnectsPerSecond) Rates()
    {
        var c = _fleet.Counters;
        var now = _time.GetTimestamp();
        var seconds = Math.Max(_time.GetElapsedTime(_lastTimestamp, now).TotalSeconds, 0.001);
        var telemetry = c.TelemetrySent;
        var connects = c.Connects;
        var rates = ((telemetry - _lastTelemetry) / seconds, (connects - _lastConnects) / seconds);
        _lastTelemetry = telemetry;
        _lastConnects = connects;
        _lastTimestamp = now;
        return rates;
    }

    private string PlainLine()
    {
        var c = _fleet.Counters;
        var (telemetryRate, connectRate) = Rates();
        return string.Create(CultureInfo.InvariantCulture,
            $"started {_fleet.Started}/{_options.Vehicles} online {c.Online} provisioned {c.Provisioned} connects {c.Connects} ({connectRate:0.#}/s) connect-failures {c.ConnectFailures} telemetry {c.TelemetrySent} ({telemetryRate:0.#}/s, skipped {c.TelemetrySkipped}) deltas {c.DeltasApplied} commands {c.CommandsReceived} (ok {c.CommandsSucceeded}, failed {c.CommandsFailed}, unanswered {c.CommandsUnanswered}, rejected {c.CommandsRejected}) rotations {c.CertificatesRotated} revoked {c.CertificatesRevoked} critical {c.CriticalMessages} errors {c.Errors}{(c.LastError is { } e ? " last: " + e : "")}");
    }

    private void Fill(Table table)
    {
        var c = _fleet.Counters;
        var (telemetryRate, connectRate) = Rates();
        table.Rows.Clear();
        Row(table, "Vehicles started", $"{_fleet.Started:N0} / {_options.Vehicles:N0}");
        Row(table, "[green]Online[/]", $"{c.Online:N0}");
        Row(table, "Provisioned by claim", $"{c.Provisioned:N0}");
        Row(table, "Connects", $"{c.Connects:N0} ({connectRate:N1}/s)");
        Row(table, "Connect failures", $"{c.ConnectFailures:N0}");
        Row(table, "Telemetry sent", $"{c.TelemetrySent:N0} ({telemetryRate:N1}/s)");
        Row(table, "Telemetry skipped (fell behind)", $"{c.TelemetrySkipped:N0}");
        Row(table, "Shadow deltas applied", $"{c.DeltasApplied:N0}");
        Row(table, "Commands received", $"{c.CommandsReceived:N0}");
        Row(table, "  succeeded / failed", $"{c.CommandsSucceeded:N0} / {c.CommandsFailed:N0}");
        Row(table, "  unanswered / rejected", $"{c.CommandsUnanswered:N0} / {c.CommandsRejected:N0}");
        Row(table, "Certificates rotated", $"{c.CertificatesRotated:N0}");
        Row(table, "Revoked (not reconnecting)", $"{c.CertificatesRevoked:N0}");
        Row(table, "Critical messages", $"{c.CriticalMessages:N0}");
        Row(table, "[red]Errors[/]", $"{c.Errors:N0}");
        if (c.LastError is { } last)
        {
            table.AddRow(new Markup("Last problem"), new Text(last.Length > 100 ? last[..100] + "…" : last));
        }
    }

    private static void Row(Table table, string label, string value) =>
        table.AddRow(new Markup(label), new Text(value));
}
