using Twins.Grains.FleetIndex;
using Twins.Grains.Interfaces.Certificates;

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
        var first = await index.QueryAsync(new FleetQuery(filter, [new FleetOrder(FleetSortField.ShadowVersion, Descending: true)], 2));
        var page = await index.QueryAsync(new FleetQuery(filter, [new FleetOrder(FleetSortField.ShadowVersion, Descending: true)], 3) { After = FleetCursor.From(first.Items[^1]) });
        Assert.Equal(10, page.TotalCount);
        Assert.Equal([$"{prefix}21", $"{prefix}18", $"{prefix}15"], page.Items.Select(e => e.ThingName));

        // Missing last-seen values sort last in both directions; ties break by thing name.
        var bySeen = await index.QueryAsync(new FleetQuery(new FleetFilter { ThingName = new StringCondition { StartsWith = prefix } }, [new FleetOrder(FleetSortField.LastSeen, Descending: true)], 30));
        Assert.Equal($"{prefix}29", bySeen.Items[0].ThingName);
        Assert.All(bySeen.Items.TakeLast(6), e => Assert.Null(e.LastSeen));

        var either = new FleetFilter
        {
            ThingName = new StringCondition { StartsWith = prefix },
            Or = [new FleetFilter { ShadowVersion = new ComparableCondition<long> { Lt = 2 } }, new FleetFilter { LastSeen = new ComparableCondition<DateTimeOffset> { Gte = T0.AddMinutes(28) } }],
        };
        Assert.Equal([$"{prefix}00", $"{prefix}01", $"{prefix}28", $"{prefix}29"], (await index.QueryAsync(new FleetQuery(either, [], 10))).Items.Select(e => e.ThingName));

        var scoped = await index.QueryAsync(new FleetQuery(null, [], 10, Scope: [$"{prefix}07", "someone-elses"]));
        var only = Assert.Single(scoped.Items);
        Assert.Equal("81", only.ReportedFields!["battery.soc"]);
    }

    public static async Task CertificateColumnsFollowTheCurrentCertificateAsync(IFleetIndex index, string thing)
    {
        await index.UpsertVehicleAsync(new FleetVehicleState(thing, "VIN1", true, T0, 4, null, T0));
        await index.UpsertCertificateAsync(Certificate("old", thing, "ACTIVE", T0.AddDays(30), T0), T0);
        await index.UpsertCertificateAsync(Certificate("new", thing, "ACTIVE", T0.AddDays(365), T0), T0);
        await index.UpsertCertificateAsync(Certificate("old", thing, "REVOKED", T0.AddDays(30), T0), T0);

        var entry = (await index.GetAsync(thing))!;
        Assert.Equal("ACTIVE", entry.CertificateStatus);
        Assert.Equal(T0.AddDays(365), entry.CertificateExpiry);
        Assert.True(entry.Connected);
        Assert.Equal(4, entry.ShadowVersion);

        await index.UpsertCertificateAsync(Certificate("new", thing, "REVOKED", T0.AddDays(365), T0), T0);
        await index.UpsertVehicleAsync(new FleetVehicleState(thing, "VIN1", false, T0.AddHours(1), 5, null, T0));
        entry = (await index.GetAsync(thing))!;
        Assert.Equal("REVOKED", entry.CertificateStatus);
        Assert.False(entry.Connected);
        Assert.Equal(1, (await index.CountAsync([thing])).ByCertificateStatus["REVOKED"]);
    }

    /// <summary>
    /// Pages forwards and backwards over 1,000 vehicles (500 match the filter) in two orders with ties and
    /// missing values; the pages joined equal the whole list in order, and the page flags are right.
    /// </summary>
    public static async Task KeysetPagingOverAThousandAsync(IFleetIndex index, string prefix)
    {
        await SeedAsync(index, prefix, 1000);
        var filter = new FleetFilter { ThingName = new StringCondition { StartsWith = prefix }, Connected = new BooleanCondition(Eq: true) };
        var all = Enumerable.Range(0, 1000).Where(i => i % 2 == 0).Select(i => Row(prefix, i)).ToList();
        var orders = new (IReadOnlyList<FleetOrder> Order, List<FleetVehicleState> Expected)[]
        {
            ([new FleetOrder(FleetSortField.ShadowVersion, Descending: true)],
                [.. all.OrderByDescending(v => v.ShadowVersion).ThenBy(v => v.ThingName, StringComparer.Ordinal)]),
            ([new FleetOrder(FleetSortField.LastSeen), new FleetOrder(FleetSortField.ThingName, Descending: true)],
                [.. all.OrderBy(v => v.LastSeen is null).ThenBy(v => v.LastSeen).ThenByDescending(v => v.ThingName, StringComparer.Ordinal)]),
        };

        foreach (var (order, expected) in orders)
        {
            var forwards = new List<string>();
            FleetCursor? after = null;
            for (var pages = 0; ; pages++)
            {
                var page = await index.QueryAsync(new FleetQuery(filter, order, 70) { After = after });
                Assert.Equal(500, page.TotalCount);
                Assert.Equal(after is not null, page.HasPreviousPage);
                forwards.AddRange(page.Items.Select(e => e.ThingName));
                if (!page.HasNextPage)
                {
                    Assert.Equal(7, pages);
                    break;
                }

                after = FleetCursor.From(page.Items[^1]);
            }

            Assert.Equal(expected.Select(v => v.ThingName), forwards);

            var backwards = new List<string>();
            FleetCursor? before = null;
            while (true)
            {
                var page = await index.QueryAsync(new FleetQuery(filter, order, 45) { Before = before, FromEnd = true });
                Assert.Equal(before is not null, page.HasNextPage);
                backwards.InsertRange(0, page.Items.Select(e => e.ThingName));
                if (!page.HasPreviousPage)
                {
                    break;
                }

                before = FleetCursor.From(page.Items[0]);
            }

            Assert.Equal(expected.Select(v => v.ThingName), backwards);

            // A window between two cursors, from either end.
            var between = new FleetQuery(filter, order, 100) { After = Cursor(expected[99]), Before = Cursor(expected[150]) };
            Assert.Equal(expected.Skip(100).Take(50).Select(v => v.ThingName), (await index.QueryAsync(between)).Items.Select(e => e.ThingName));
            var tail = await index.QueryAsync(between with { Limit = 10, FromEnd = true });
            Assert.Equal(expected.Skip(140).Take(10).Select(v => v.ThingName), tail.Items.Select(e => e.ThingName));
            Assert.True(tail.HasPreviousPage);
            Assert.True(tail.HasNextPage);
        }
    }

    /// <summary>Rows written between two page requests before the cursor (or changed to sort there) neither repeat nor push a row out.</summary>
    public static async Task KeysetPagingRowInsertedBeforeCursorAsync(IFleetIndex index, string prefix)
    {
        await SeedAsync(index, prefix, 200);
        var filter = new FleetFilter { ThingName = new StringCondition { StartsWith = prefix } };
        IReadOnlyList<FleetOrder> order = [new FleetOrder(FleetSortField.ShadowVersion, Descending: true)];
        var expected = Enumerable.Range(0, 200).Select(i => Row(prefix, i)).OrderByDescending(v => v.ShadowVersion).ThenBy(v => v.ThingName, StringComparer.Ordinal).Select(v => v.ThingName).ToList();

        var first = await index.QueryAsync(new FleetQuery(filter, order, 50));
        Assert.Equal(expected.Take(50), first.Items.Select(e => e.ThingName));

        // New rows that sort before the cursor, and a row of page 2 moved up onto page 1.
        await index.UpsertVehicleAsync(new FleetVehicleState($"{prefix}new-1", null, true, T0, 1_000, null, T0));
        await index.UpsertVehicleAsync(new FleetVehicleState($"{prefix}new-2", null, false, null, 1_000, null, T0));
        var moved = expected[60];
        await index.UpsertVehicleAsync(Row(prefix, int.Parse(moved[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture)) with { ShadowVersion = 999 });

        var rest = new List<string>();
        var after = FleetCursor.From(first.Items[^1]);
        while (true)
        {
            var page = await index.QueryAsync(new FleetQuery(filter, order, 50) { After = after });
            Assert.Equal(202, page.TotalCount);
            rest.AddRange(page.Items.Select(e => e.ThingName));
            if (!page.HasNextPage)
            {
                break;
            }

            after = FleetCursor.From(page.Items[^1]);
        }

        Assert.Equal(expected.Skip(50).Where(t => t != moved), rest);

        // Backwards: a row added after the before-cursor does not repeat either.
        var last = await index.QueryAsync(new FleetQuery(filter, order, 50) { FromEnd = true });
        await index.UpsertVehicleAsync(new FleetVehicleState($"{prefix}zz-late", null, false, null, -1, null, T0));
        var previous = await index.QueryAsync(new FleetQuery(filter, order, 50) { FromEnd = true, Before = FleetCursor.From(last.Items[0]) });
        Assert.Empty(previous.Items.Select(e => e.ThingName).Intersect(last.Items.Select(e => e.ThingName)));
        Assert.Equal(last.Items[0].ThingName, expected[expected.IndexOf(previous.Items[^1].ThingName) + 1]);
    }

    /// <summary>Command counts are replaced per vehicle and summed over the scope.</summary>
    public static async Task CommandCountsSumOverScopeAsync(IFleetIndex index, string prefix)
    {
        await index.UpsertVehicleAsync(new FleetVehicleState($"{prefix}a", null, true, T0, 1, null, T0) { CommandCounts = new Dictionary<string, int> { ["SUCCEEDED"] = 2, ["QUEUED"] = 1 } });
        await index.UpsertVehicleAsync(new FleetVehicleState($"{prefix}b", null, true, T0, 1, null, T0) { CommandCounts = new Dictionary<string, int> { ["SUCCEEDED"] = 1, ["FAILED"] = 1 } });
        await index.UpsertVehicleAsync(new FleetVehicleState($"{prefix}a", null, true, T0, 2, null, T0) { CommandCounts = new Dictionary<string, int> { ["SUCCEEDED"] = 3, ["QUEUED"] = 0 } });
        await index.UpsertVehicleAsync(new FleetVehicleState($"{prefix}b", null, false, T0, 2, null, T0));

        var counts = await index.CountAsync([$"{prefix}a", $"{prefix}b"]);
        Assert.Equal(new Dictionary<string, int> { ["FAILED"] = 1, ["SUCCEEDED"] = 4 }, counts.ByCommandStatus);
        Assert.Equal(1, counts.Connected);
        Assert.Equal(new Dictionary<string, int> { ["SUCCEEDED"] = 3 }, (await index.CountAsync([$"{prefix}a"])).ByCommandStatus);
    }

    /// <summary>The certificate index: rows follow their certificate, stale writes lose, keyset pages by status and expiry, counts and expiring ones within scope.</summary>
    public static async Task CertificatesPageFilterAndCountAsync(IFleetIndex index, string prefix)
    {
        var certificates = Enumerable.Range(0, 60).Select(i => Certificate($"{prefix}{i:D2}", $"{prefix}thing-{i % 6}", i % 3 == 0 ? "REVOKED" : "ACTIVE", T0.AddDays(i % 10), T0.AddMinutes(i))).ToList();
        foreach (var certificate in certificates)
        {
            await index.UpsertCertificateAsync(certificate with { Status = "PENDING_ACTIVATION" }, T0);
            await index.UpsertCertificateAsync(certificate, T0.AddSeconds(1));
        }

        await index.UpsertCertificateAsync(certificates[1] with { Status = "PENDING_ACTIVATION" }, T0); // stale: loses
        var filter = new CertificateFilter { CertificateId = new StringCondition { StartsWith = prefix }, Status = new StringCondition { Eq = "ACTIVE" } };
        IReadOnlyList<CertificateOrder> order = [new CertificateOrder(CertificateSortField.NotAfter, Descending: true)];
        var expected = certificates.Where(c => c.Status == "ACTIVE").OrderByDescending(c => c.NotAfter).ThenBy(c => c.CertificateId, StringComparer.Ordinal).Select(c => c.CertificateId).ToList();
        var listed = new List<string>();
        CertificateCursor? after = null;
        while (true)
        {
            var page = await index.QueryCertificatesAsync(new CertificateQuery(filter, order, 7) { After = after });
            Assert.Equal(40, page.TotalCount);
            listed.AddRange(page.Items.Select(c => c.CertificateId));
            if (!page.HasNextPage)
            {
                break;
            }

            after = CertificateCursor.From(page.Items[^1]);
        }

        Assert.Equal(expected, listed);
        var back = await index.QueryCertificatesAsync(new CertificateQuery(filter, order, 5) { FromEnd = true });
        Assert.Equal(expected.TakeLast(5), back.Items.Select(c => c.CertificateId));
        Assert.Equal(certificates[1], (await index.QueryCertificatesAsync(new CertificateQuery(new CertificateFilter { CertificateId = new StringCondition { Eq = certificates[1].CertificateId } }, [], 1))).Items.Single());

        var scope = new[] { $"{prefix}thing-0", $"{prefix}thing-1" };
        var owned = await index.QueryCertificatesAsync(new CertificateQuery(null, [], 100, scope));
        Assert.Equal(20, owned.TotalCount);
        Assert.All(owned.Items, c => Assert.Contains(c.ThingName, scope));

        var counts = await index.CountCertificatesAsync(scope, T0.AddDays(5));
        Assert.Equal(20, counts.Total);
        Assert.Equal(new Dictionary<string, int> { ["ACTIVE"] = 10, ["REVOKED"] = 10 }, counts.ByStatus);
        Assert.Equal(certificates.Count(c => scope.Contains(c.ThingName) && c.Status == "ACTIVE" && c.NotAfter < T0.AddDays(5)), counts.Expiring);
        Assert.Equal("ACTIVE", (await index.GetAsync($"{prefix}thing-1"))!.CertificateStatus);
    }

    private static CertificateInfo Certificate(string id, string thing, string status, DateTimeOffset notAfter, DateTimeOffset createdAt) => new()
    {
        CertificateId = id,
        SerialNumber = "01",
        CommonName = thing,
        ThingName = thing,
        Status = status,
        CreatedAt = createdAt,
        NotBefore = createdAt,
        NotAfter = notAfter,
        ActivatedAt = createdAt,
    };

    private static FleetCursor Cursor(FleetVehicleState v) =>
        new(v.ThingName) { Connected = v.Connected, LastSeen = v.LastSeen, ShadowVersion = v.ShadowVersion };

    /// <summary>Vehicle i: connected when even, version i mod 37 (many ties), last seen missing for every seventh.</summary>
    private static FleetVehicleState Row(string prefix, int i) =>
        new($"{prefix}{i:D4}", null, i % 2 == 0, i % 7 == 0 ? null : T0.AddMinutes(i % 97), i % 37, null, T0);

    private static async Task SeedAsync(IFleetIndex index, string prefix, int count)
    {
        foreach (var chunk in Enumerable.Range(0, count).Chunk(25))
        {
            await Task.WhenAll(chunk.Select(i => index.UpsertVehicleAsync(Row(prefix, i))));
        }
    }
}
