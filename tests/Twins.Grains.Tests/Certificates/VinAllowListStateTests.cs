using Twins.Grains.Certificates.Grains;

namespace Twins.Grains.Tests.Certificates;

public sealed class VinAllowListStateTests
{
    [Fact]
    public void WithConfigured_SameConfigurationAgain_ChangesNothing()
    {
        var first = VinAllowListState.Empty.WithConfigured(["wvw1aaa0000000001", "WVW1AAA0000000002"], out var added);
        Assert.Equal(2, added);
        Assert.Equal(["WVW1AAA0000000001", "WVW1AAA0000000002"], first.Vins);

        var again = first.WithConfigured(["WVW1AAA0000000001", "WVW1AAA0000000002"], out var addedAgain);

        Assert.Same(first, again);
        Assert.Equal(0, addedAgain);
    }

    [Fact]
    public void WithConfigured_VinRemovedByOperator_StaysRemovedButNewConfiguredVinIsAdded()
    {
        var seeded = VinAllowListState.Empty.WithConfigured(["WVW1AAA0000000001", "WVW1AAA0000000002"], out _);
        var removed = seeded with { Vins = seeded.Vins.Remove("WVW1AAA0000000001") };

        var restarted = removed.WithConfigured(["WVW1AAA0000000001", "WVW1AAA0000000002", "WVW1AAA0000000003"], out var added);

        Assert.Equal(1, added);
        Assert.Equal(["WVW1AAA0000000002", "WVW1AAA0000000003"], restarted.Vins);
    }

    [Fact]
    public void WithConfigured_NotAVin_Throws()
    {
        Assert.Throws<ArgumentException>(() => VinAllowListState.Empty.WithConfigured(["!!!"], out _));
    }
}
