using Twins.Actors.Membership;
using Twins.Actors.Placement;

namespace Twins.Actors.Tests.Cluster;

public sealed class RendezvousPlacementTests
{
    private static readonly SiloAddress[] Silos = Enumerable.Range(0, 4).Select(i => new SiloAddress("127.0.0.1", 11111 + i, 1000 + i)).ToArray();

    [Fact]
    public void Owner_SameSilosInAnyOrder_SameOwner()
    {
        var reversed = Silos.Reverse().ToArray();
        for (var i = 0; i < 1000; i++)
        {
            var id = new GrainId("vehicle", $"V{i}");
            Assert.Equal(RendezvousPlacement.Owner(id, Silos), RendezvousPlacement.Owner(id, reversed));
        }
    }

    [Fact]
    public void Owner_ManyGrains_SpreadsEvenly()
    {
        var counts = Enumerable.Range(0, 8000).GroupBy(i => RendezvousPlacement.Owner(new GrainId("vehicle", $"V{i}"), Silos)).ToDictionary(g => g.Key!, g => g.Count());

        Assert.Equal(4, counts.Count);
        Assert.All(counts.Values, c => Assert.InRange(c, 1700, 2300));
    }

    [Fact]
    public void Owner_SiloAdded_MovesOnlyGrainsTheNewSiloWins()
    {
        var before = Silos[..3];
        var moved = 0;
        for (var i = 0; i < 9000; i++)
        {
            var id = new GrainId("vehicle", $"V{i}");
            var oldOwner = RendezvousPlacement.Owner(id, before);
            var newOwner = RendezvousPlacement.Owner(id, Silos);
            if (oldOwner != newOwner)
            {
                Assert.Equal(Silos[3], newOwner);
                moved++;
            }
        }

        Assert.InRange(moved / 9000.0, 0.20, 0.30);
    }

    [Fact]
    public void Owner_SiloRestartedWithNewGeneration_IsADifferentSilo()
    {
        var restarted = Silos[0] with { Generation = 99 };

        Assert.NotEqual(Silos[0], restarted);
        Assert.Null(RendezvousPlacement.Owner(new GrainId("vehicle", "V"), []));
    }
}
