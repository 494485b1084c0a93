using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Twins.Grains.Connections;

namespace Twins.Grains.FleetIndex;

/// <summary>
/// What vehicle grains call after each change: builds the row (with the configured reported fields) and
/// writes it. A failed write is logged, not thrown: the grain's own state is already durable and its next
/// change rewrites the whole row.
/// </summary>
internal sealed partial class FleetIndexWriter(IFleetIndex index, IOptions<FleetIndexOptions> options, ILogger<FleetIndexWriter> logger)
{
    private readonly string[][] _paths = [.. options.Value.ReportedFields.Distinct(StringComparer.Ordinal).Select(p => p.Split('.'))];

    public IFleetIndex Index => index;

    public async Task WriteAsync(string thingName, ConnectionStatus connection, long shadowVersion, JsonElement? reported, IReadOnlyDictionary<string, int> commandCounts, DateTimeOffset now)
    {
        var state = new FleetVehicleState(thingName, FleetVin.FromThingName(thingName), connection.Connected, connection.LastSeen, shadowVersion, Select(reported), now)
        {
            CommandCounts = commandCounts,
        };
        try
        {
            await index.UpsertVehicleAsync(state);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogWriteFailed(logger, exception, thingName);
        }
    }

    private Dictionary<string, string>? Select(JsonElement? reported)
    {
        if (_paths.Length == 0 || reported is not { ValueKind: JsonValueKind.Object } root)
        {
            return null;
        }

        Dictionary<string, string>? fields = null;
        foreach (var path in _paths)
        {
            var node = root;
            var found = true;
            foreach (var segment in path)
            {
                if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(segment, out node))
                {
                    found = false;
                    break;
                }
            }

            if (found)
            {
                (fields ??= new(StringComparer.Ordinal))[string.Join('.', path)] = node.GetRawText();
            }
        }

        return fields;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Fleet index write for {ThingName} failed; the row stays stale until its next change")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string thingName);
}
