namespace Twins.Gateway.Tests;

public sealed class GatewayWorkerTests
{
    [Fact]
    public void Partition_ManyVehicles_EveryWorkerGetsAShareAndAVehicleAlwaysTheSame()
    {
        var names = Enumerable.Range(0, 10_000).Select(i => $"Vehicle_WVW{i:D8}").ToList();

        var shares = names.GroupBy(n => GatewayWorker.Partition(n, 4)).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal([0, 1, 2, 3], shares.Keys.Order());
        Assert.All(shares.Values, count => Assert.InRange(count, 2000, 3000));
        Assert.All(names.Take(100), n => Assert.Equal(GatewayWorker.Partition(n, 4), GatewayWorker.Partition(n, 4)));
    }
}
