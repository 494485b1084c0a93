using Twins.Grains.Provisioning;

namespace Twins.Grains.Tests.Provisioning;

public sealed class InMemoryVinAllowListTests
{
    [Fact]
    public async Task Operations_CompareNormalizedVins()
    {
        var list = new InMemoryVinAllowList(["wvw-zzz-1"]);

        Assert.True(await list.IsAllowedAsync("WVWZZZ1"));
        Assert.False(await list.IsAllowedAsync("WVWZZZ2"));
        Assert.True(await list.AddAsync("wvwzzz2"));
        Assert.False(await list.AddAsync("WVWZZZ2"));
        Assert.Equal(["WVWZZZ1", "WVWZZZ2"], await list.ListAsync());
        Assert.True(await list.RemoveAsync("WVWZZZ1"));
        Assert.False(await list.IsAllowedAsync("wvw zzz 1"));
    }
}
