using Twins.Grains.Routing;

namespace Twins.Grains.Tests.Routing;

public sealed class TopicBuilderTests
{
    private readonly TopicBuilder _topics = new();

    [Fact]
    public void ShadowReplies_ClassicAndNamed_FollowTheContract()
    {
        Assert.Equal("$aws/things/v/shadow/update/accepted", _topics.ShadowAccepted("v", null, ShadowOperation.Update));
        Assert.Equal("$aws/things/v/shadow/get/rejected", _topics.ShadowRejected("v", null, ShadowOperation.Get));
        Assert.Equal("$aws/things/v/shadow/delete/accepted", _topics.ShadowAccepted("v", null, ShadowOperation.Delete));
        Assert.Equal("$aws/things/v/shadow/update/delta", _topics.ShadowUpdateDelta("v", null));
        Assert.Equal("$aws/things/v/shadow/name/battery/update/documents", _topics.ShadowUpdateDocuments("v", "battery"));
        Assert.Equal("$aws/things/v/shadow/name/battery/get/accepted", _topics.ShadowAccepted("v", "battery", ShadowOperation.Get));
    }

    [Fact]
    public void CommandAndProvisioningTopics_FollowTheContract()
    {
        Assert.Equal("$aws/commands/things/v/executions/e1/request/json", _topics.CommandRequest("v", "e1"));
        Assert.Equal("$aws/commands/things/v/executions/e1/response/json", _topics.CommandResponse("v", "e1"));
        Assert.Equal("$aws/events/commandExecution/unlock/SUCCEEDED", _topics.CommandExecutionEvent("unlock", "SUCCEEDED"));
        Assert.Equal("$aws/certificates/create-from-csr/json/accepted", _topics.CreateFromCsrAccepted());
        Assert.Equal("$aws/certificates/create-from-csr/json/rejected", _topics.CreateFromCsrRejected());
        Assert.Equal("$aws/provisioning-templates/t1/provision/json/accepted", _topics.ProvisionAccepted("t1"));
        Assert.Equal("$aws/provisioning-templates/t1/provision/json/rejected", _topics.ProvisionRejected("t1"));
        Assert.Equal("twins/vehicles/v/critical", _topics.VehicleCritical("v"));
        Assert.Equal("twins/fleet/critical", _topics.FleetCritical());
    }

    [Fact]
    public void RequestTopics_RoundTripThroughTheRouter()
    {
        var router = new TopicRouter();

        Assert.Equal(new ShadowRoute("v", "n", ShadowOperation.Update), router.Parse(_topics.ShadowRequest("v", "n", ShadowOperation.Update)));
        Assert.Equal(new CommandResponseRoute("v", "e1"), router.Parse(_topics.CommandResponse("v", "e1")));
        Assert.Equal(new TelemetryRoute("v"), router.Parse(_topics.Telemetry("v")));
        Assert.Equal(new PresenceRoute("v", PresenceEventType.Disconnected), router.Parse(_topics.PresenceDisconnected("v")));
        Assert.Equal(new ProvisionRoute("t1"), router.Parse(_topics.Provision("t1")));
        Assert.Null(router.Parse(_topics.CommandRequest("v", "e1")));
    }

    [Fact]
    public void InboundFilters_Shared_ArePrefixedAndMatchRoutedTopics()
    {
        var filters = _topics.InboundFilters("twins");

        Assert.All(filters, f => Assert.StartsWith("$share/twins/", f, StringComparison.Ordinal));
        Assert.Contains("$share/twins/$aws/things/+/shadow/name/+/update", filters);
        Assert.Contains("$share/twins/twins/vehicles/+/telemetry", filters);
        Assert.Equal(12, filters.Count);
    }

    [Fact]
    public void ConfiguredPrefixes_AreUsedEverywhere()
    {
        var topics = new TopicBuilder(new TopicOptions { AwsPrefix = "aws", TwinsPrefix = "acme" });

        Assert.Equal("aws/things/v/shadow/update/delta", topics.ShadowUpdateDelta("v", null));
        Assert.Equal("acme/vehicles/v/telemetry", topics.Telemetry("v"));
        Assert.All(topics.InboundFilters(), f => Assert.True(f.StartsWith("aws/", StringComparison.Ordinal) || f.StartsWith("acme/", StringComparison.Ordinal)));
    }
}
