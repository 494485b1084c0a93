using Twins.Actors;
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
        var order = FilterInput.Order(c.Arguments.GetValueOrDefault("order") as IEnumerable<object?>);
        var index = c.Services.GetRequiredService<IFleetIndex>();
        var window = PageWindow.From(c);
        var count = await index.QueryAsync(new FleetQuery(filter, order, 0, 0, caller.Scope), c.RequestAborted).ConfigureAwait(false);
        var (offset, limit) = window.Resolve(count.TotalCount);
        var page = limit == 0 ? count : await index.QueryAsync(new FleetQuery(filter, order, offset, limit, caller.Scope), c.RequestAborted).ConfigureAwait(false);
        var items = page.Items.Select(e => (object)new VehicleModel(e.ThingName, e)).ToList();
        return Connection.Create(items, offset, count.TotalCount, window);
    }

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

    public static async ValueTask<object?> FleetSummaryAsync(IResolverContext c)
    {
        var counts = await c.Services.GetRequiredService<IFleetIndex>().CountAsync(FleetCaller.From(c.User).Scope, c.RequestAborted).ConfigureAwait(false);
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["total"] = counts.Total,
            ["connected"] = counts.Connected,
            ["disconnected"] = counts.Total - counts.Connected,
            ["byCertificateStatus"] = counts.ByCertificateStatus.Select(kv => new Dictionary<string, object?>(StringComparer.Ordinal) { ["status"] = kv.Key, ["count"] = kv.Value }).ToList(),
        };
    }

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
