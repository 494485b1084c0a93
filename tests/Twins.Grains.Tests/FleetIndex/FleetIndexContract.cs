using Twins.Grains.FleetIndex;

namespace Twins.Grains.Tests.FleetIndex;

/// <summary>What every fleet index must do, run against each implementation.</summary>
public static class FleetIndexContract
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task QueryFilterSortPageAsync(IFleetIndex index, string prefix)
    {
        for (var i = 0; i < 30; i++)
        {
            await index.UpsertVehicleAsync(new FleetVehicleState($"{prefix}{i:D2}", null, i % 3 == 0, i % 5 == 0 ? null : T0.AddMinutes(i), i, i == 7 ? new Dictionary<string, string> { ["battery.soc"] = "81" } : null, T0));
        }

        var filter = new FleetFilter { ThingName = new StringCondition { StartsWith = prefix }, Connected = new BooleanCondition(Eq: true) };
        var page = await index.QueryAsync(new FleetQuery(filter, [new FleetOrder(FleetSortField.ShadowVersion, Descending: true)], 2, 3));
        Assert.Equal(10, page.TotalCount);
        Assert.Equal([$"{prefix}21", $"{prefix}18", $"{prefix}15"], page.Items.Select(e => e.ThingName));

        // Missing last-seen values sort last in both directions; ties break by thing name.
        var bySeen = await index.QueryAsync(new FleetQuery(new FleetFilter { ThingName = new StringCondition { StartsWith = prefix } }, [new FleetOrder(FleetSortField.LastSeen, Descending: true)], 0, 30));
        Assert.Equal($"{prefix}29", bySeen.Items[0].ThingName);
        Assert.All(bySeen.Items.TakeLast(6), e => Assert.Null(e.LastSeen));

        var either = new FleetFilter
        {
            ThingName = new StringCondition { StartsWith = prefix },
            Or = [new FleetFilter { ShadowVersion = new ComparableCondition<long> { Lt = 2 } }, new FleetFilter { LastSeen = new ComparableCondition<DateTimeOffset> { Gte = T0.AddMinutes(28) } }],
        };
        Assert.Equal([$"{prefix}00", $"{prefix}01", $"{prefix}28", $"{prefix}29"], (await index.QueryAsync(new FleetQuery(either, [], 0, 10))).Items.Select(e => e.ThingName));

        var scoped = await index.QueryAsync(new FleetQuery(null, [], 0, 10, Scope: [$"{prefix}07", "someone-elses"]));
        var only = Assert.Single(scoped.Items);
        Assert.Equal("81", only.ReportedFields!["battery.soc"]);
    }

    public static async Task CertificateColumnsFollowTheCurrentCertificateAsync(IFleetIndex index, string thing)
    {
        await index.UpsertVehicleAsync(new FleetVehicleState(thing, "VIN1", true, T0, 4, null, T0));
        await index.UpsertCertificateAsync(thing, "old", "ACTIVE", T0.AddDays(30), T0);
        await index.UpsertCertificateAsync(thing, "new", "ACTIVE", T0.AddDays(365), T0);
        await index.UpsertCertificateAsync(thing, "old", "REVOKED", T0.AddDays(30), T0);

        var entry = (await index.GetAsync(thing))!;
        Assert.Equal("ACTIVE", entry.CertificateStatus);
        Assert.Equal(T0.AddDays(365), entry.CertificateExpiry);
        Assert.True(entry.Connected);
        Assert.Equal(4, entry.ShadowVersion);

        await index.UpsertCertificateAsync(thing, "new", "REVOKED", T0.AddDays(365), T0);
        await index.UpsertVehicleAsync(new FleetVehicleState(thing, "VIN1", false, T0.AddHours(1), 5, null, T0));
        entry = (await index.GetAsync(thing))!;
        Assert.Equal("REVOKED", entry.CertificateStatus);
        Assert.False(entry.Connected);
        Assert.Equal(1, (await index.CountAsync([thing])).ByCertificateStatus["REVOKED"]);
    }
}
