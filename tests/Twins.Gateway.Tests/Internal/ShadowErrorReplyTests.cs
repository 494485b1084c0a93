using System.Text;
using System.Text.Json.Nodes;
using Twins.Gateway.Internal;
using Twins.Grains.DeviceShadow;

namespace Twins.Gateway.Tests.Internal;

public sealed class ShadowErrorReplyTests
{
    [Fact]
    public void ToDocument_TooManyRequests_ContractsErrorDocumentWithTheToken()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_767_225_600);

        var document = JsonNode.Parse(ShadowError.TooManyRequests.ToDocument("t-1", now))!.AsObject();

        Assert.Equal(["code", "message", "timestamp", "clientToken"], document.Select(p => p.Key));
        Assert.Equal(429, (int)document["code"]!);
        Assert.Equal("Too Many Requests", (string?)document["message"]);
        Assert.Equal(1_767_225_600, (long)document["timestamp"]!);
        Assert.Equal("t-1", (string?)document["clientToken"]);
    }

    [Fact]
    public void ToDocument_WithoutToken_HasNoClientTokenField() =>
        Assert.False(JsonNode.Parse(ShadowError.PayloadTooLarge.ToDocument(null, DateTimeOffset.UnixEpoch))!.AsObject().ContainsKey("clientToken"));

    [Theory]
    [InlineData("""{"state":{"reported":{"clientToken":"inner"}},"clientToken":"outer"}""", "outer")]
    [InlineData("""{"clientToken":"x","state":{}}""", "x")]
    [InlineData("""{"state":{}}""", null)]
    [InlineData("""{"clientToken":7}""", null)]
    [InlineData("""{"clientToken":"x""", null)]
    [InlineData("{not json", null)]
    [InlineData("", null)]
    [InlineData("[1,2]", null)]
    public void ReadClientToken_AnyPayload_TopLevelStringTokenOrNull(string payload, string? expected) =>
        Assert.Equal(expected, ShadowErrorReply.ReadClientToken(Encoding.UTF8.GetBytes(payload)));

    [Fact]
    public void ReadClientToken_LongerThan64Bytes_NotEchoed() =>
        Assert.Null(ShadowErrorReply.ReadClientToken(Encoding.UTF8.GetBytes($$"""{"clientToken":"{{new string('a', 65)}}"}""")));
}
