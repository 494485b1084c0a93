using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Twins.Grains.FleetIndex;

/// <summary>
/// The fleet index as a DynamoDB table (hash key <c>thingName</c>). Writes are single-item updates of the
/// writer's own attributes (a certificate's only when it is the row's current certificate, a condition
/// expression). Queries scan the table and filter, sort and page in memory with the same semantics as the
/// SQLite index: fine for fleets of tens of thousands; larger fleets want secondary indexes per filter.
/// </summary>
public sealed class DynamoDbFleetIndex(IAmazonDynamoDB client, string tableName = DynamoDbFleetIndex.DefaultTableName) : IFleetIndex, IDisposable
{
    /// <summary>The table name unless configured.</summary>
    public const string DefaultTableName = "TwinsFleetIndex";

    private readonly SemaphoreSlim _tableLock = new(1, 1);
    private volatile bool _tableReady;

    /// <inheritdoc />
    public async Task UpsertVehicleAsync(FleetVehicleState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var values = new Dictionary<string, AttributeValue>
        {
            [":connected"] = new() { BOOL = state.Connected },
            [":version"] = Number(state.ShadowVersion),
            [":updated"] = Number(state.UpdatedAt.ToUnixTimeMilliseconds()),
        };
        var set = new List<string> { "connected = :connected", "shadowVersion = :version", "updatedAt = :updated" };
        var remove = new List<string>();
        Optional("vin", state.Vin is null ? null : new AttributeValue(state.Vin));
        Optional("lastSeen", state.LastSeen is { } seen ? Number(seen.ToUnixTimeMilliseconds()) : null);
        Optional("reported", state.ReportedFields is { Count: > 0 } fields ? new AttributeValue(JsonSerializer.Serialize(fields, FleetIndexJsonContext.Default.IReadOnlyDictionaryStringString)) : null);
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = tableName,
            Key = Key(state.ThingName),
            UpdateExpression = "SET " + string.Join(", ", set) + (remove.Count > 0 ? " REMOVE " + string.Join(", ", remove) : ""),
            ExpressionAttributeValues = values,
        }, cancellationToken).ConfigureAwait(false);

        void Optional(string name, AttributeValue? value)
        {
            if (value is null)
            {
                remove.Add(name);
            }
            else
            {
                values[":" + name] = value;
                set.Add($"{name} = :{name}");
            }
        }
    }

    /// <inheritdoc />
    public async Task UpsertCertificateAsync(string thingName, string certificateId, string status, DateTimeOffset expiry, DateTimeOffset updatedAt, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var values = new Dictionary<string, AttributeValue>
        {
            [":id"] = new(certificateId),
            [":status"] = new(status),
            [":expiry"] = Number(expiry.ToUnixTimeMilliseconds()),
            [":updated"] = Number(updatedAt.ToUnixTimeMilliseconds()),
            [":false"] = new() { BOOL = false },
            [":zero"] = Number(0),
        };
        // A newly activated certificate becomes the current one; any other change only updates the current one.
        var condition = status == "ACTIVE" ? null : "attribute_not_exists(certificateId) OR certificateId = :id";

        if (FleetVin.FromThingName(thingName) is { } vin)
        {
            values[":vin"] = new(vin);
        }

        try
        {
            await client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = tableName,
                Key = Key(thingName),
                UpdateExpression = "SET certificateId = :id, certificateStatus = :status, certificateExpiry = :expiry, updatedAt = :updated, "
                    + "connected = if_not_exists(connected, :false), shadowVersion = if_not_exists(shadowVersion, :zero)"
                    + (values.ContainsKey(":vin") ? ", vin = if_not_exists(vin, :vin)" : ""),
                ConditionExpression = condition,
                ExpressionAttributeValues = values,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            // A superseded certificate: the row shows its successor.
        }
    }

    /// <inheritdoc />
    public async Task<FleetIndexEntry?> GetAsync(string thingName, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var response = await client.GetItemAsync(new GetItemRequest { TableName = tableName, Key = Key(thingName), ConsistentRead = true }, cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? Read(item) : null;
    }

    /// <inheritdoc />
    public async Task<FleetPage> QueryAsync(FleetQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var matching = (await ScanAsync(cancellationToken).ConfigureAwait(false)).Where(e => FleetFilterMatcher.Matches(e, query.Filter, query.Scope)).ToList();
        var page = FleetFilterMatcher.Sort(matching, query.Order).Skip(query.Offset).Take(query.Limit).ToList();
        return new FleetPage(page, matching.Count);
    }

    /// <inheritdoc />
    public async Task<FleetCounts> CountAsync(IReadOnlyCollection<string>? scope, CancellationToken cancellationToken = default)
    {
        var entries = (await ScanAsync(cancellationToken).ConfigureAwait(false)).Where(e => FleetFilterMatcher.Matches(e, null, scope)).ToList();
        var byStatus = entries.GroupBy(e => e.CertificateStatus ?? "UNKNOWN", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new FleetCounts(entries.Count, entries.Count(e => e.Connected), new SortedDictionary<string, int>(byStatus, StringComparer.Ordinal));
    }

    /// <inheritdoc />
    public void Dispose() => _tableLock.Dispose();

    private async Task<List<FleetIndexEntry>> ScanAsync(CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<FleetIndexEntry>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var response = await client.ScanAsync(new ScanRequest { TableName = tableName, ExclusiveStartKey = start, ConsistentRead = true }, cancellationToken).ConfigureAwait(false);
            entries.AddRange((response.Items ?? []).Select(Read));
            start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);

        return entries;
    }

    private static FleetIndexEntry Read(Dictionary<string, AttributeValue> item) => new(
        item["thingName"].S,
        item.TryGetValue("vin", out var vin) ? vin.S : null,
        item.TryGetValue("connected", out var connected) && connected.BOOL == true,
        Time(item, "lastSeen"),
        item.TryGetValue("certificateStatus", out var status) ? status.S : null,
        Time(item, "certificateExpiry"),
        item.TryGetValue("shadowVersion", out var version) ? long.Parse(version.N, CultureInfo.InvariantCulture) : 0,
        item.TryGetValue("reported", out var reported) ? JsonSerializer.Deserialize(reported.S, FleetIndexJsonContext.Default.IReadOnlyDictionaryStringString) : null,
        Time(item, "updatedAt") ?? DateTimeOffset.UnixEpoch);

    private static DateTimeOffset? Time(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.N is { } n ? DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(n, CultureInfo.InvariantCulture)) : null;

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static Dictionary<string, AttributeValue> Key(string thingName) => new() { ["thingName"] = new AttributeValue(thingName) };

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (_tableReady)
        {
            return;
        }

        await _tableLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_tableReady)
            {
                return;
            }

            try
            {
                await client.CreateTableAsync(new CreateTableRequest
                {
                    TableName = tableName,
                    KeySchema = [new KeySchemaElement("thingName", KeyType.HASH)],
                    AttributeDefinitions = [new AttributeDefinition("thingName", ScalarAttributeType.S)],
                    BillingMode = BillingMode.PAY_PER_REQUEST,
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (ResourceInUseException)
            {
                // Already there (another silo, or an earlier start).
            }

            while ((await client.DescribeTableAsync(tableName, cancellationToken).ConfigureAwait(false)).Table.TableStatus != TableStatus.ACTIVE)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
            }

            _tableReady = true;
        }
        finally
        {
            _tableLock.Release();
        }
    }
}
