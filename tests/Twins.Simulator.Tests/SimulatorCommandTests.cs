namespace Twins.Simulator.Tests;

public sealed class SimulatorCommandTests
{
    [Fact]
    public async Task Parse_Options_ReachTheFleet()
    {
        SimulatorOptions? seen = null;
        RunSettings? settings = null;
        var command = SimulatorCommand.Create((options, run, _) =>
        {
            seen = options;
            settings = run;
            return Task.FromResult(0);
        });

        var exit = await command.Parse(["--vehicles", "25", "--port", "1884", "--telemetry-interval", "0.5", "--provision", "--command-failure-probability", "0.25", "--duration", "10", "--plain", "--max-connecting", "8"]).InvokeAsync();

        Assert.Equal(0, exit);
        Assert.NotNull(seen);
        Assert.Equal(25, seen.Vehicles);
        Assert.Equal(1884, seen.Port);
        Assert.Equal(TimeSpan.FromMilliseconds(500), seen.TelemetryInterval);
        Assert.True(seen.ProvisionByClaim);
        Assert.Equal(0.25, seen.CommandFailureProbability);
        Assert.Equal(TimeSpan.FromSeconds(10), settings!.Duration);
        Assert.True(settings.Plain);
        Assert.Equal(8, seen.MaxConnecting);
    }

    [Fact]
    public async Task Parse_InvalidValue_ExitsWithTwoWithoutRunning()
    {
        var ran = false;
        var command = SimulatorCommand.Create((_, _, _) =>
        {
            ran = true;
            return Task.FromResult(0);
        });

        var exit = await command.Parse(["--offline-probability", "2"]).InvokeAsync();

        Assert.Equal(2, exit);
        Assert.False(ran);
    }
}
