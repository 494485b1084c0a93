using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Twins.Grains.FleetIndex;
using Twins.Grains.Observers;
using Twins.GraphQL.Execution;
using Twins.GraphQL.Types;

namespace Twins.Silo.Api.Resolvers;

/// <summary>
/// The <c>Subscription</c> fields: each subscription registers a grain observer (the vehicle grain, or the
/// fleet events grain for <c>connectionChanged</c>), renews it within its lifetime and removes it when the
/// client goes. A vehicle the caller may not see yields nothing, exactly like one that does not exist.
/// </summary>
internal static class SubscriptionResolvers
{
    private const int Buffer = 256;

    public static void Register(SchemaBuilder schema)
    {
        schema.AddSubscriber("Subscription", "vehicleChanged", c => ValueTask.FromResult(Watch(c, (string)c.Arguments["thingName"]!, fleet: false, _ => true)));
        schema.AddResolver("Subscription", "vehicleChanged", c => c.ParentValue);
        schema.AddSubscriber("Subscription", "commandExecutionChanged", c => ValueTask.FromResult(Watch(c, (string)c.Arguments["thingName"]!, fleet: false, change => change.Kind == VehicleChangeKind.Command)));
        schema.AddResolver("Subscription", "commandExecutionChanged", c => c.ParentValue is VehicleChange { Execution: { } e } change ? new CommandModel(change.ThingName, e) : null);
        schema.AddSubscriber("Subscription", "connectionChanged", c =>
        {
            var where = FilterInput.Argument(c, "where");
            var thing = where is null ? null : FilterInput.Text(where, "thingName");
            var connected = where is null ? null : FilterInput.Object(where, "connected")?.GetValueOrDefault("eq") as bool?;
            var caller = FleetCaller.From(c.User);
            return ValueTask.FromResult(Watch(c, IFleetEventsGrain.Key, fleet: true, change =>
                change.Kind == VehicleChangeKind.Connection && caller.CanSee(change.ThingName)
                && (connected is null || change.Connected == connected)
                && (thing is null || Matches(thing, change.ThingName))));
        });
        schema.AddResolver("Subscription", "connectionChanged", c => c.ParentValue);

        schema.AddResolver("VehicleChangedEvent", "thingName", c => c.Parent<VehicleChange>().ThingName);
        schema.AddResolver("VehicleChangedEvent", "kind", c => c.Parent<VehicleChange>().Kind switch
        {
            VehicleChangeKind.Shadow => "SHADOW",
            VehicleChangeKind.Connection => "CONNECTION",
            VehicleChangeKind.Command => "COMMAND",
            _ => "CRITICAL_MESSAGE",
        });
        schema.AddResolver("VehicleChangedEvent", "shadowName", c => c.Parent<VehicleChange>().ShadowName);
        schema.AddResolver("VehicleChangedEvent", "shadowVersion", c => c.Parent<VehicleChange>().ShadowVersion);
        schema.AddResolver("VehicleChangedEvent", "connected", c => c.Parent<VehicleChange>().Connected);
        schema.AddResolver("VehicleChangedEvent", "at", c => c.Parent<VehicleChange>().At);
        schema.AddResolver("VehicleChangedEvent", "commandExecution", c => c.Parent<VehicleChange>() is { Execution: { } e } change ? new CommandModel(change.ThingName, e) : null);
        schema.AddResolver("VehicleChangedEvent", "vehicle", async c =>
        {
            var change = c.Parent<VehicleChange>();
            var entry = await c.Services.GetRequiredService<IFleetIndex>().GetAsync(change.ThingName, c.RequestAborted).ConfigureAwait(false);
            return new VehicleModel(change.ThingName, entry ?? new FleetIndexEntry(change.ThingName, null, change.Connected, change.LastSeen, null, null, change.ShadowVersion, null, change.At));
        });
        schema.AddResolver("ConnectionChangedEvent", "thingName", c => c.Parent<VehicleChange>().ThingName);
        schema.AddResolver("ConnectionChangedEvent", "connected", c => c.Parent<VehicleChange>().Connected);
        schema.AddResolver("ConnectionChangedEvent", "at", c => c.Parent<VehicleChange>().At);
    }

    private static bool Matches(Grains.FleetIndex.StringCondition condition, string value) =>
        (condition.Eq is null || condition.Eq == value)
        && (condition.Neq is null || condition.Neq != value)
        && (condition.In is null || condition.In.Contains(value))
        && (condition.Nin is null || !condition.Nin.Contains(value))
        && (condition.Contains is null || value.Contains(condition.Contains, StringComparison.Ordinal))
        && (condition.StartsWith is null || value.StartsWith(condition.StartsWith, StringComparison.Ordinal));

    private static async IAsyncEnumerable<object?> Watch(IResolverContext c, string key, bool fleet, Func<VehicleChange, bool> predicate)
    {
        if (!fleet && !FleetCaller.From(c.User).CanSee(key))
        {
            await Task.Delay(Timeout.Infinite, c.RequestAborted).ConfigureAwait(false);
            yield break;
        }

        await foreach (var change in StreamAsync(c.Services.GetRequiredService<IGrainFactory>(), c.Services.GetRequiredService<TimeProvider>(), key, fleet, c.RequestAborted).ConfigureAwait(false))
        {
            if (predicate(change))
            {
                yield return change;
            }
        }
    }

    private static async IAsyncEnumerable<VehicleChange> StreamAsync(IGrainFactory grains, TimeProvider time, string key, bool fleet, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<VehicleChange>(new BoundedChannelOptions(Buffer) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        // Orleans holds the object behind an observer reference weakly: this local keeps it alive (and so the
        // subscription working) for as long as the client stays subscribed.
        var observer = new ChannelObserver(channel.Writer);
        var reference = grains.CreateObjectReference<IVehicleObserver>(observer);
        Func<Task> subscribe = fleet
            ? () => grains.GetGrain<IFleetEventsGrain>(key).SubscribeAsync(reference)
            : () => grains.GetGrain<IVehicleObservable>(key).SubscribeAsync(reference);
        await subscribe().ConfigureAwait(false);
        var renewal = IVehicleObservable.SubscriptionLifetime / 3;
        using var timer = time.CreateTimer(_ => _ = subscribe(), null, renewal, renewal);
        try
        {
            await foreach (var change in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return change;
            }
        }
        finally
        {
            try
            {
                await (fleet ? grains.GetGrain<IFleetEventsGrain>(key).UnsubscribeAsync(reference) : grains.GetGrain<IVehicleObservable>(key).UnsubscribeAsync(reference)).ConfigureAwait(false);
            }
            finally
            {
                grains.DeleteObjectReference<IVehicleObserver>(reference);
                GC.KeepAlive(observer);
            }
        }
    }

    private sealed class ChannelObserver(ChannelWriter<VehicleChange> writer) : IVehicleObserver
    {
        public Task OnVehicleChangedAsync(VehicleChange change)
        {
            writer.TryWrite(change);
            return Task.CompletedTask;
        }
    }
}
