namespace Twins.Gateway.Tests;

public sealed class GatewayOptionsValidatorTests
{
    private static readonly GatewayOptionsValidator Validator = new();

    [Fact]
    public void Validate_Defaults_Succeed() => Assert.True(Validator.Validate(null, new GatewayOptions()).Succeeded);

    [Theory]
    [InlineData("Workers")]
    [InlineData("Port")]
    [InlineData("ShareGroup")]
    [InlineData("LanesPerWorker")]
    [InlineData("AwsTopicPrefix")]
    [InlineData("MaxInFlightPerThing")]
    [InlineData("MaxPayloadBytes")]
    [InlineData("PublisherIdentityProperty")]
    public void Validate_WrongSetting_FailureNamesIt(string setting)
    {
        var options = setting switch
        {
            "Workers" => new GatewayOptions { Workers = 0 },
            "Port" => new GatewayOptions { Port = 70000 },
            "ShareGroup" => new GatewayOptions { ShareGroup = "a/b" },
            "LanesPerWorker" => new GatewayOptions { LanesPerWorker = 0 },
            "MaxInFlightPerThing" => new GatewayOptions { MaxInFlightPerThing = 0 },
            "MaxPayloadBytes" => new GatewayOptions { MaxPayloadBytes = 10 },
            "PublisherIdentityProperty" => new GatewayOptions { PublisherIdentityProperty = " " },
            _ => new GatewayOptions { AwsTopicPrefix = "$aws/+" },
        };

        var result = Validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"Gateway:{setting}", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Disabled_IgnoresTheOtherSettings() =>
        Assert.True(Validator.Validate(null, new GatewayOptions { Enabled = false, Workers = 0 }).Succeeded);
}
