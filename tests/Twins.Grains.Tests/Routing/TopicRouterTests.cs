using Twins.Grains.Routing;

namespace Twins.Grains.Tests.Routing;

public sealed class TopicRouterTests
{
    private readonly TopicRouter _router = new();

    [Theory]
    [InlineData("$aws/things/Vehicle_1/shadow/update", ShadowOperation.Update)]
    [InlineData("$aws/things/Vehicle_1/shadow/get", ShadowOperation.Get)]
    [InlineData("$aws/things/Vehicle_1/shadow/delete", ShadowOperation.Delete)]
    public void TryParse_ClassicShadow_ReturnsShadowRouteWithoutName(string topic, ShadowOperation operation)
    {
        Assert.Equal(new ShadowRoute("Vehicle_1", null, operation), _router.Parse(topic));
    }

    [Fact]
    public void TryParse_NamedShadow_ReturnsShadowName()
    {
        Assert.Equal(new ShadowRoute("car-1", "battery", ShadowOperation.Update), _router.Parse("$aws/things/car-1/shadow/name/battery/update"));
    }

    [Fact]
    public void TryParse_Presence_ReturnsClientAndEvent()
    {
        Assert.Equal(new PresenceRoute("Vehicle_1", PresenceEventType.Connected), _router.Parse("$aws/events/presence/connected/Vehicle_1"));
        Assert.Equal(new PresenceRoute("Vehicle_1", PresenceEventType.Disconnected), _router.Parse("$aws/events/presence/disconnected/Vehicle_1"));
    }

    [Fact]
    public void TryParse_CommandResponse_ReturnsThingAndExecution()
    {
        Assert.Equal(
            new CommandResponseRoute("Vehicle_1", "9f0c2a4e-1b2c-4d5e-8f90-123456789abc"),
            _router.Parse("$aws/commands/things/Vehicle_1/executions/9f0c2a4e-1b2c-4d5e-8f90-123456789abc/response/json"));
    }

    [Fact]
    public void TryParse_TelemetryAndProvisioning_AreRouted()
    {
        Assert.Equal(new TelemetryRoute("Vehicle_1"), _router.Parse("twins/vehicles/Vehicle_1/telemetry"));
        Assert.Equal(new CreateFromCsrRoute(), _router.Parse("$aws/certificates/create-from-csr/json"));
        Assert.Equal(new ProvisionRoute("vehicle-template"), _router.Parse("$aws/provisioning-templates/vehicle-template/provision/json"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("$aws")]
    [InlineData("$aws/things/Vehicle_1/shadow/update/accepted")]
    [InlineData("$aws/things/Vehicle_1/shadow/update/delta")]
    [InlineData("$aws/things/Vehicle_1/shadow/get/accepted")]
    [InlineData("$aws/things/Vehicle_1/shadow/list")]
    [InlineData("$aws/things/Vehicle_1/shadow/name/update")]
    [InlineData("$aws/things/Vehicle_1/shadow/name/a b/update")]
    [InlineData("$aws/things/Vehicle 1/shadow/update")]
    [InlineData("$aws/things//shadow/update")]
    [InlineData("$aws/things/+/shadow/update")]
    [InlineData("$aws/events/presence/connected/")]
    [InlineData("$aws/events/presence/connecting/Vehicle_1")]
    [InlineData("$aws/commands/things/Vehicle_1/executions/e1/request/json")]
    [InlineData("$aws/commands/things/Vehicle_1/executions/e1/response/cbor")]
    [InlineData("$aws/certificates/create-from-csr/json/accepted")]
    [InlineData("$aws/certificates/create/json")]
    [InlineData("$aws/provisioning-templates/t/provision/json/accepted")]
    [InlineData("twins/vehicles/Vehicle_1/critical")]
    [InlineData("twins/fleet/critical")]
    [InlineData("other/things/Vehicle_1/shadow/update")]
    [InlineData("$awsx/things/Vehicle_1/shadow/update")]
    public void TryParse_TopicOutsideInboundContract_IsRejected(string topic)
    {
        Assert.False(_router.TryParse(topic, out var route));
        Assert.Null(route);
    }

    [Fact]
    public void TryParse_TooLongThingName_IsRejected()
    {
        Assert.NotNull(_router.Parse($"$aws/things/{new string('a', 128)}/shadow/get"));
        Assert.Null(_router.Parse($"$aws/things/{new string('a', 129)}/shadow/get"));
    }

    [Fact]
    public void TryParse_ConfiguredPrefix_ReplacesAws()
    {
        var router = new TopicRouter(new TopicOptions { AwsPrefix = "fleet/aws", TwinsPrefix = "acme" });

        Assert.Equal(new ShadowRoute("v", null, ShadowOperation.Get), router.Parse("fleet/aws/things/v/shadow/get"));
        Assert.Equal(new TelemetryRoute("v"), router.Parse("acme/vehicles/v/telemetry"));
        Assert.Null(router.Parse("$aws/things/v/shadow/get"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/+")]
    [InlineData("#")]
    [InlineData("a//b")]
    [InlineData("a/")]
    public void Constructor_InvalidPrefix_ThrowsNamingTheSetting(string prefix)
    {
        var error = Assert.Throws<ArgumentException>(() => new TopicRouter(new TopicOptions { AwsPrefix = prefix }));
        Assert.Equal("AwsPrefix", error.ParamName);
    }
}
