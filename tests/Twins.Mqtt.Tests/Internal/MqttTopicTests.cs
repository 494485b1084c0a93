using Twins.Mqtt.Internal;

namespace Twins.Mqtt.Tests.Internal;

public sealed class MqttTopicTests
{
    [Theory]
    [InlineData("a/b/c", "a/b/c", true)]
    [InlineData("a/+/c", "a/b/c", true)]
    [InlineData("a/+/c", "a/b/d", false)]
    [InlineData("a/#", "a", true)]
    [InlineData("a/#", "a/b/c", true)]
    [InlineData("#", "a/b", true)]
    [InlineData("+", "a", true)]
    [InlineData("+", "a/b", false)]
    [InlineData("+/+", "/a", true)]
    [InlineData("a/b", "a/b/c", false)]
    [InlineData("a/b/c", "a/b", false)]
    [InlineData("#", "$aws/things/x", false)]
    [InlineData("+/things/x", "$aws/things/x", false)]
    [InlineData("$aws/things/+/shadow/#", "$aws/things/V1/shadow/update", true)]
    public void Matches_FollowsTheWildcardRules(string filter, string topic, bool expected) =>
        Assert.Equal(expected, MqttTopic.Matches(filter, topic));

    [Theory]
    [InlineData("a/#", true)]
    [InlineData("a/+/b", true)]
    [InlineData("$share/gw/a/+", true)]
    [InlineData("a/#/b", false)]
    [InlineData("a/b#", false)]
    [InlineData("a+/b", false)]
    [InlineData("", false)]
    [InlineData("$share/gw", false)]
    [InlineData("$share//a", false)]
    [InlineData("$share/g+/a", false)]
    public void IsValidFilter_RejectsMisplacedWildcardsAndBadShares(string filter, bool expected) =>
        Assert.Equal(expected, MqttTopic.IsValidFilter(filter));

    [Theory]
    [InlineData("$share/gw/twins/+/telemetry", "twins/+/telemetry")]
    [InlineData("twins/#", "twins/#")]
    public void StripShare_ReturnsTheFilterBehindTheGroup(string filter, string expected) =>
        Assert.Equal(expected, MqttTopic.StripShare(filter));

    [Theory]
    [InlineData("a/b", true)]
    [InlineData("a/+", false)]
    [InlineData("#", false)]
    [InlineData("", false)]
    public void IsValidTopicName_RejectsWildcardsAndEmpty(string topic, bool expected) =>
        Assert.Equal(expected, MqttTopic.IsValidTopicName(topic));
}
