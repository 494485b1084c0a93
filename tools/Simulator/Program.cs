using Twins.Simulator;

// Ctrl-C and SIGTERM cancel the run; the vehicles then disconnect cleanly and the exit status is 0. The
// default 2 s grace ends a fleet that is still disconnecting with status 130 instead.
var invocation = new System.CommandLine.InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(8) };
return await SimulatorCommand.Create(RunAsync).Parse(args).InvokeAsync(invocation).ConfigureAwait(false);

static async Task<int> RunAsync(SimulatorOptions options, RunSettings settings, CancellationToken cancellationToken)
{
    var time = TimeProvider.System;
    using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    if (settings.Duration is { } duration)
    {
        stop.CancelAfter(duration);
    }

    await using var fleet = new SimulatedFleet(options, time);
    var running = fleet.RunAsync(stop.Token);
    var interactive = !settings.Plain && !Console.IsOutputRedirected && Spectre.Console.AnsiConsole.Profile.Capabilities.Interactive;
    try
    {
        await new FleetReporter(fleet, options, time).RunAsync(running, interactive, settings.StatusInterval, stop.Token).ConfigureAwait(false);
    }
    catch (OperationCanceledException) when (stop.IsCancellationRequested)
    {
    }

    Console.WriteLine("Stopping the vehicles...");
    await running.ConfigureAwait(false);
    Console.WriteLine($"Stopped: {fleet.Counters.Connects} connects, {fleet.Counters.TelemetrySent} telemetry samples, {fleet.Counters.CommandsReceived} commands.");
    return 0;
}
