namespace Twins.Simulator.Tests;

public sealed class SimulatorOptionsTests
{
    [Fact]
    public void Validate_Defaults_Pass()
    {
        new SimulatorOptions().Validate();
    }

    [Theory]
    [InlineData("VinPrefix")]
    [InlineData("CommandFailureProbability")]
    [InlineData("TelemetryInterval")]
    [InlineData("OfflineMaximum")]
    [InlineData("MaxConnecting")]
    public void Validate_BadValue_NamesTheOption(string setting)
    {
        var options = setting switch
        {
            "VinPrefix" => new SimulatorOptions { VinPrefix = "TWIN" },
            "CommandFailureProbability" => new SimulatorOptions { CommandFailureProbability = 1.5 },
            "TelemetryInterval" => new SimulatorOptions { TelemetryInterval = TimeSpan.Zero },
            "MaxConnecting" => new SimulatorOptions { MaxConnecting = -1 },
            _ => new SimulatorOptions { OfflineMinimum = TimeSpan.FromSeconds(10), OfflineMaximum = TimeSpan.FromSeconds(5) },
        };

        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains("--", error.Message, StringComparison.Ordinal);
    }
}
