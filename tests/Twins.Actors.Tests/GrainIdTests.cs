namespace Twins.Actors.Tests;

public sealed class GrainIdTests
{
    [Fact]
    public void ToString_PrintsTypeSlashKey()
    {
        Assert.Equal("vehicle/WVW123", new GrainId("vehicle", "WVW123").ToString());
    }

    [Fact]
    public void Parse_KeyContainingSlashes_KeepsThemInTheKey()
    {
        var id = GrainId.Parse("vehicle/fleet/WVW123");

        Assert.Equal("vehicle", id.Type);
        Assert.Equal("fleet/WVW123", id.Key);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/key")]
    [InlineData("nokey")]
    public void TryParse_Malformed_ReturnsFalse(string text)
    {
        Assert.False(GrainId.TryParse(text, out _));
    }

    [Fact]
    public void Constructor_TypeWithSlash_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => new GrainId("a/b", "key"));
    }
}
