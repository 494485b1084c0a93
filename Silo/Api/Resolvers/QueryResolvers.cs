using Twins.Grains.FleetIndex;
using Twins.Grains.Interfaces.Vehicles;
using Twins.GraphQL.Execution;

namespace Twins.Silo.Api.Resolvers;

/// <summary>The <c>Query</c> fields. Vehicles come from the fleet index; what a caller may not see is not found.</summary>
internal static class QueryResolvers
{
    public const int DefaultPageSize = 10;
    public const int MaxPageSize = 100;

    public static async ValueTask<object?> VehicleAsync(IResolverContext c) =>
        await FindVehicleAsync(c, c.ArgumentValue<string>("thingName")).ConfigureAwait(false);

    public static async Task<VehicleModel?> FindVehicleAsync(IResolverContext c, string thingName)
    {
        if (!FleetCaller.From(c.User).CanSee(thingName))
        {
            return null;
        }

        var entry = await c.Services.GetRequiredService<IFleetIndex>().GetAsync(thingName, c.RequestAborted).ConfigureAwait(false);
        return entry is null ? null : new VehicleModel(thingName, entry);
    }

    public static async ValueTask<object?> VehiclesAsync(IResolverContext c)
    {
        var caller = FleetCaller.From(c.User);
        var filter = FilterInput.Vehicle(FilterInput.Argument(c, "where"));
        var order = FleetCursors.Effective(FilterInput.Order(c.Arguments.GetValueOrDefault("order") as IEnumerable<object?>));
        var window = PageWindow.From(c);
        var query = new FleetQuery(filter, order, window.Limit, caller.Scope)
        {
            After = FleetCursors.DecodeVehicle(window.After, order),
            Before = FleetCursors.DecodeVehicle(window.Before, order),
            FromEnd = window.FromEnd,
        };
        var page = await c.Services.GetRequiredService<IFleetIndex>().QueryAsync(query, c.RequestAborted).ConfigureAwait(false);
        var (items, hasPrevious) = TrimToLast(page.Items, window, page.HasPreviousPage);
        return Connection.Create([.. items.Select(e => (object)new VehicleModel(e.ThingName, e))], [.. items.Select(e => FleetCursors.Encode(e, order))], page.TotalCount, hasPrevious, page.HasNextPage);
    }

    /// <summary>With both <c>first</c> and <c>last</c>, Relay takes the last of the first: trims the forward page.</summary>
    public static (IReadOnlyList<T> Items, bool HasPreviousPage) TrimToLast<T>(IReadOnlyList<T> items, PageWindow window, bool hasPreviousPage) =>
        window is { First: not null, Last: { } last } && items.Count > last ? ([.. items.Skip(items.Count - last)], true) : (items, hasPreviousPage);

    public static async ValueTask<object?> CommandExecutionAsync(IResolverContext c) =>
        await NodeAsync(c, c.ArgumentValue<string>("id"), NodeId.CommandExecution).ConfigureAwait(false);

    public static async ValueTask<object?> NodeAsync(IResolverContext c) =>
        await NodeAsync(c, c.ArgumentValue<string>("id"), null).ConfigureAwait(false);

    public static async ValueTask<object?> NodesAsync(IResolverContext c)
    {
        var ids = ((IEnumerable<object?>)c.Arguments["ids"]!).ToList();
        if (ids.Count > MaxPageSize)
        {
            throw new GraphQLException($"At most {MaxPageSize} ids.", "MAX_PAGE_SIZE");
        }

        var nodes = new List<object?>(ids.Count);
        foreach (var id in ids)
        {
            nodes.Add(await NodeAsync(c, (string)id!, null).ConfigureAwait(false));
        }

        return nodes;
    }

    /// <summary>Counts over the vehicle and certificate index rows the caller may see; the certificate counts only when asked for.</summary>
    public static async ValueTask<object?> FleetSummaryAsync(IResolverContext c)
    {
        var scope = FleetCaller.From(c.User).Scope;
        var counts = await c.Services.GetRequiredService<IFleetIndex>().CountAsync(scope, c.RequestAborted).ConfigureAwait(false);
        return new FleetSummaryModel(scope, counts);
    }

    public static async ValueTask<object?> CertificateCountsAsync(IResolverContext c, bool expiring)
    {
        var summary = c.Parent<FleetSummaryModel>();
        var days = expiring ? Convert.ToInt32(c.Arguments.GetValueOrDefault("days") ?? 30, System.Globalization.CultureInfo.InvariantCulture) : 0;
        if (days is < 0 or > 3650)
        {
            throw new GraphQLException("`days` must be between 0 and 3650.", "INVALID_ARGUMENT");
        }

        var now = c.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var counts = await c.Services.GetRequiredService<IFleetIndex>().CountCertificatesAsync(summary.Scope, now.AddDays(days), c.RequestAborted).ConfigureAwait(false);
        return expiring ? counts.Expiring : StatusCounts(counts.ByStatus);
    }

    public static List<Dictionary<string, object?>> StatusCounts(IReadOnlyDictionary<string, int> counts) =>
        [.. counts.Select(kv => new Dictionary<string, object?>(StringComparer.Ordinal) { ["status"] = kv.Key, ["count"] = kv.Value })];

    private static async Task<object?> NodeAsync(IResolverContext c, string id, string? expectedType)
    {
        if (!NodeId.TryDecode(id, out var type, out var key) || (expectedType is not null && type != expectedType))
        {
            return null;
        }

        switch (type)
        {
            case NodeId.Certificate:
                return await CertificateResolvers.FindAsync(c, key).ConfigureAwait(false);
            case NodeId.Vehicle:
                return await FindVehicleAsync(c, key).ConfigureAwait(false);
            case NodeId.CommandExecution:
                var separator = key.IndexOf('\n', StringComparison.Ordinal);
                if (separator <= 0 || await FindVehicleAsync(c, key[..separator]).ConfigureAwait(false) is not { } vehicle)
                {
                    return null;
                }

                var execution = await c.Services.GetRequiredService<IGrainFactory>().GetGrain<IVehicleGrain>(vehicle.ThingName).GetCommandAsync(key[(separator + 1)..]).ConfigureAwait(false);
                return execution is null ? null : new CommandModel(vehicle.ThingName, execution);
            default:
                return null;
        }
    }
}
