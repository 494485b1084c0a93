using System.Text.Json;
using Twins.Grains.Commands;
using Twins.Grains.Interfaces.Vehicles;
using Twins.Grains.Telemetry;
using Twins.Grains.TelemetrySink;
using Twins.GraphQL.Execution;
using Twins.GraphQL.Types;

namespace Twins.Silo.Api.Resolvers;

/// <summary>The fields of <c>Vehicle</c>, <c>Shadow</c> and <c>CommandExecution</c>; identity from the index, live state from the grain.</summary>
internal static class VehicleResolvers
{
    private const int MaxTelemetryPoints = 10_000;

    public static void Register(SchemaBuilder schema)
    {
        schema.AddResolver("Vehicle", "id", c => NodeId.Encode(NodeId.Vehicle, c.Parent<VehicleModel>().ThingName));
        schema.AddResolver("Vehicle", "thingName", c => c.Parent<VehicleModel>().ThingName);
        schema.AddResolver("Vehicle", "vin", c => c.Parent<VehicleModel>().Entry.Vin);
        schema.AddResolver("Vehicle", "shadowVersion", c => c.Parent<VehicleModel>().Entry.ShadowVersion);
        schema.AddResolver("Vehicle", "lastSeen", c => c.Parent<VehicleModel>().Entry.LastSeen);
        schema.AddResolver("Vehicle", "indexedFields", c => c.Parent<VehicleModel>().Entry.ReportedFields is { } fields
            ? fields.ToDictionary(kv => kv.Key, kv => (object?)JsonDocument.Parse(kv.Value).RootElement.Clone(), StringComparer.Ordinal)
            : null);
        schema.AddResolver("Vehicle", "connection", async c =>
        {
            var status = await Grain(c).GetConnectionAsync().ConfigureAwait(false);
            return new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["connected"] = status.Connected,
                ["since"] = status.Since,
                ["lastSeen"] = status.LastSeen,
                ["sessionIdentifier"] = status.SessionIdentifier,
                ["lastDisconnectReason"] = status.LastDisconnectReason?.ToString(),
                ["disconnectInferred"] = status.DisconnectInferred,
            };
        });
        schema.AddResolver("Vehicle", "shadow", async c =>
        {
            var name = c.Arguments.GetValueOrDefault("name") as string;
            var result = await Grain(c).GetShadowAsync(name).ConfigureAwait(false);
            return result.Accepted ? ShadowModel.Parse(name, result.Document) : null;
        });
        schema.AddResolver("Vehicle", "shadows", async c =>
        {
            var grain = Grain(c);
            var shadows = new List<ShadowModel>();
            foreach (var name in new string?[] { null }.Concat(await grain.GetShadowNamesAsync().ConfigureAwait(false)))
            {
                var result = await grain.GetShadowAsync(name).ConfigureAwait(false);
                if (result.Accepted)
                {
                    shadows.Add(ShadowModel.Parse(name, result.Document));
                }
            }

            return shadows;
        });
        schema.AddResolver("Vehicle", "lastTelemetry", async c =>
        {
            var last = await Grain(c).GetTelemetryAsync().ConfigureAwait(false);
            return last.Signals.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["signal"] = kv.Key,
                ["value"] = Plain(kv.Value.Value),
                ["time"] = kv.Value.Timestamp,
            }).ToList();
        });
        schema.AddResolver("Vehicle", "telemetry", TelemetryAsync);
        schema.AddResolver("Vehicle", "criticalMessage", async c => await Grain(c).GetCriticalMessageAsync().ConfigureAwait(false));
        schema.AddResolver("Vehicle", "commands", async c =>
        {
            var thing = c.Parent<VehicleModel>().ThingName;
            var all = await Grain(c).GetCommandsAsync().ConfigureAwait(false);
            var status = c.Arguments.GetValueOrDefault("status")?.ToString();
            var matching = all.Reverse().Where(e => status is null || e.Status.ToWireName() == status).Select(e => (object)new CommandModel(thing, e)).ToList();
            var window = PageWindow.From(c);
            var (offset, limit) = window.Resolve(matching.Count);
            return Connection.Create(matching.GetRange(offset, limit), offset, matching.Count, window);
        });

        schema.AddResolver("Shadow", "name", c => c.Parent<ShadowModel>().Name);
        schema.AddResolver("Shadow", "desired", c => c.Parent<ShadowModel>().Desired);
        schema.AddResolver("Shadow", "reported", c => c.Parent<ShadowModel>().Reported);
        schema.AddResolver("Shadow", "delta", c => c.Parent<ShadowModel>().Delta);
        schema.AddResolver("Shadow", "metadata", c => c.Parent<ShadowModel>().Metadata);
        schema.AddResolver("Shadow", "version", c => c.Parent<ShadowModel>().Version);

        schema.AddResolver("CommandExecution", "id", c => NodeId.Encode(NodeId.CommandExecution, NodeId.CommandKey(c.Parent<CommandModel>().ThingName, c.Parent<CommandModel>().Execution.ExecutionId)));
        schema.AddResolver("CommandExecution", "executionId", c => c.Parent<CommandModel>().Execution.ExecutionId);
        schema.AddResolver("CommandExecution", "thingName", c => c.Parent<CommandModel>().ThingName);
        schema.AddResolver("CommandExecution", "command", c => c.Parent<CommandModel>().Execution.Command);
        schema.AddResolver("CommandExecution", "parameters", c => c.Parent<CommandModel>().Execution.Parameters);
        schema.AddResolver("CommandExecution", "status", c => c.Parent<CommandModel>().Execution.Status.ToWireName());
        schema.AddResolver("CommandExecution", "reasonCode", c => c.Parent<CommandModel>().Execution.StatusReason?.ReasonCode);
        schema.AddResolver("CommandExecution", "reasonDescription", c => c.Parent<CommandModel>().Execution.StatusReason?.ReasonDescription);
        schema.AddResolver("CommandExecution", "result", c => c.Parent<CommandModel>().Execution.Result);
        schema.AddResolver("CommandExecution", "createdAt", c => c.Parent<CommandModel>().Execution.CreatedAt);
        schema.AddResolver("CommandExecution", "deadline", c => c.Parent<CommandModel>().Execution.Deadline);
        schema.AddResolver("CommandExecution", "updatedAt", c => c.Parent<CommandModel>().Execution.UpdatedAt);
        schema.AddResolver("CommandExecution", "deliveredAt", c => c.Parent<CommandModel>().Execution.DeliveredAt);
    }

    public static IVehicleGrain Grain(IResolverContext c) =>
        c.Services.GetRequiredService<IGrainFactory>().GetGrain<IVehicleGrain>(c.Parent<VehicleModel>().ThingName);

    private static async ValueTask<object?> TelemetryAsync(IResolverContext c)
    {
        var thing = c.Parent<VehicleModel>().ThingName;
        var signals = ((IEnumerable<object?>)c.Arguments["signals"]!).Select(s => (string)s!).ToList();
        var from = (DateTimeOffset)c.Arguments["from"]!;
        var to = (DateTimeOffset)c.Arguments["to"]!;
        var every = c.Arguments.GetValueOrDefault("every") is { } e ? Convert.ToInt32(e, System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
        if (signals.Count > 20)
        {
            throw new GraphQLException("At most 20 signals.", "MAX_SIGNALS");
        }

        if (every is <= 0)
        {
            throw new GraphQLException("`every` must be positive.", "INVALID_ARGUMENT");
        }

        var sink = c.Services.GetRequiredService<ITelemetrySink>();
        var series = new List<object>(signals.Count);
        foreach (var signal in signals)
        {
            var points = await sink.QueryAsync(thing, signal, from, to, MaxTelemetryPoints, c.RequestAborted).ConfigureAwait(false);
            IEnumerable<Dictionary<string, object?>> shaped = every is { } seconds
                ? points.Where(p => p.Value.Kind == TelemetryValueKind.Number)
                    .GroupBy(p => (p.Timestamp - from).Ticks / TimeSpan.FromSeconds(seconds).Ticks)
                    .Select(g => new Dictionary<string, object?>(StringComparer.Ordinal)
                    {
                        ["time"] = from + TimeSpan.FromSeconds(g.Key * seconds),
                        ["value"] = g.Average(p => p.Value.Number),
                        ["min"] = g.Min(p => p.Value.Number),
                        ["max"] = g.Max(p => p.Value.Number),
                        ["count"] = g.Count(),
                    })
                : points.Select(p => new Dictionary<string, object?>(StringComparer.Ordinal) { ["time"] = p.Timestamp, ["value"] = Plain(p.Value), ["count"] = 1 });
            series.Add(new Dictionary<string, object?>(StringComparer.Ordinal) { ["signal"] = signal, ["points"] = shaped.ToList() });
        }

        return series;
    }

    private static object? Plain(TelemetryValue value) => value.Kind switch
    {
        TelemetryValueKind.Number => value.Number,
        TelemetryValueKind.Boolean => value.Boolean,
        _ => value.Text,
    };
}
