using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Twins.Grains.Interfaces.Certificates;
using Twins.Providers.DynamoDb;

namespace Twins.Grains.FleetIndex;

/// <summary>
/// The fleet index as two DynamoDB tables: vehicles (hash key <c>thingName</c>, with their command counts
/// as a map) and certificates (hash key <c>certificateId</c>, table <c>{tableName}Certificates</c> unless
/// named). Writes are single-item updates of the writer's own attributes (a certificate's vehicle columns
/// only when it is the row's current certificate, a condition expression). Queries scan a table and
/// filter, sort and keyset-page in memory with exactly the SQLite index's semantics: fine for fleets of
/// tens of thousands; larger fleets want secondary indexes per filter.
/// </summary>
public sealed class DynamoDbFleetIndex(IAmazonDynamoDB client, string tableName = DynamoDbFleetIndex.DefaultTableName, string? certificateTableName = null) : IFleetIndex
{
    /// <summary>The table name unless configured.</summary>
    public const string DefaultTableName = "TwinsFleetIndex";

    private readonly string _certificateTableName = CertificateTableName(tableName, certificateTableName);
    private readonly DynamoDbTable _vehicleTable = Table(client, tableName, "thingName");
    private readonly DynamoDbTable _certificateTable = Table(client, CertificateTableName(tableName, certificateTableName), "certificateId");

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
        if (state.CommandCounts is { } counts)
        {
            Optional("commandCounts", counts.Any(c => c.Value > 0) ? new AttributeValue { M = counts.Where(c => c.Value > 0).ToDictionary(c => c.Key, c => Number(c.Value), StringComparer.Ordinal) } : null);
        }

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
    public async Task UpsertCertificateAsync(CertificateInfo certificate, DateTimeOffset updatedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var item = new Dictionary<string, AttributeValue>
        {
            ["certificateId"] = new(certificate.CertificateId),
            ["status"] = new(certificate.Status),
            ["notAfter"] = Number(certificate.NotAfter.ToUnixTimeMilliseconds()),
            ["createdAt"] = Number(certificate.CreatedAt.ToUnixTimeMilliseconds()),
            ["info"] = new(JsonSerializer.Serialize(certificate, FleetIndexJsonContext.Default.CertificateInfo)),
            ["updatedAt"] = Number(updatedAt.ToUnixTimeMilliseconds()),
        };
        if (certificate.ThingName is { } owner)
        {
            item["thingName"] = new(owner);
        }

        try
        {
            await client.PutItemAsync(new PutItemRequest
            {
                TableName = _certificateTableName,
                Item = item,
                ConditionExpression = "attribute_not_exists(updatedAt) OR updatedAt <= :updated",
                ExpressionAttributeValues = new() { [":updated"] = item["updatedAt"] },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            // A later write already landed (and updated the vehicle's columns).
            return;
        }

        if (certificate.ThingName is { } thing)
        {
            await UpsertVehicleCertificateAsync(thing, certificate.CertificateId, certificate.Status, certificate.NotAfter, updatedAt, cancellationToken).ConfigureAwait(false);
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
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit);
        var order = VehicleOrdering.Effective(query.Order);
        var matching = (await ScanAsync(tableName, cancellationToken).ConfigureAwait(false)).Select(Read).Where(e => FleetFilterMatcher.Matches(e, query.Filter, query.Scope)).ToList();
        var page = KeysetMemory.Page(
            matching, e => VehicleOrdering.Values(FleetCursor.From(e), order), VehicleOrdering.Keys(order),
            query.After is { } after ? VehicleOrdering.Values(after, order) : null,
            query.Before is { } before ? VehicleOrdering.Values(before, order) : null,
            query.Limit, query.FromEnd);
        return new FleetPage(page.Items, matching.Count, page.HasPrevious, page.HasNext);
    }

    /// <inheritdoc />
    public async Task<FleetCounts> CountAsync(IReadOnlyCollection<string>? scope, CancellationToken cancellationToken = default)
    {
        var items = (await ScanAsync(tableName, cancellationToken).ConfigureAwait(false)).Where(i => scope is null || scope.Contains(i["thingName"].S)).ToList();
        var entries = items.Select(Read).ToList();
        var byStatus = entries.GroupBy(e => e.CertificateStatus ?? "UNKNOWN", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var byCommand = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (item.TryGetValue("commandCounts", out var counts) && counts.M is { } map)
            {
                foreach (var (status, count) in map)
                {
                    byCommand[status] = byCommand.GetValueOrDefault(status) + int.Parse(count.N, CultureInfo.InvariantCulture);
                }
            }
        }

        return new FleetCounts(entries.Count, entries.Count(e => e.Connected), new SortedDictionary<string, int>(byStatus, StringComparer.Ordinal), byCommand);
    }

    /// <inheritdoc />
    public async Task<CertificatePage> QueryCertificatesAsync(CertificateQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit);
        var order = CertificateOrdering.Effective(query.Order);
        var matching = (await ScanCertificatesAsync(cancellationToken).ConfigureAwait(false)).Where(c => FleetFilterMatcher.Matches(c, query.Filter, query.Scope)).ToList();
        var page = KeysetMemory.Page(
            matching, c => CertificateOrdering.Values(CertificateCursor.From(c), order), CertificateOrdering.Keys(order),
            query.After is { } after ? CertificateOrdering.Values(after, order) : null,
            query.Before is { } before ? CertificateOrdering.Values(before, order) : null,
            query.Limit, query.FromEnd);
        return new CertificatePage(page.Items, matching.Count, page.HasPrevious, page.HasNext);
    }

    /// <inheritdoc />
    public async Task<CertificateCounts> CountCertificatesAsync(IReadOnlyCollection<string>? scope, DateTimeOffset expiringBefore, CancellationToken cancellationToken = default)
    {
        var certificates = (await ScanCertificatesAsync(cancellationToken).ConfigureAwait(false)).Where(c => FleetFilterMatcher.Matches(c, null, scope)).ToList();
        var byStatus = new SortedDictionary<string, int>(certificates.GroupBy(c => c.Status, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal), StringComparer.Ordinal);
        return new CertificateCounts(certificates.Count, byStatus, certificates.Count(c => c.Status == "ACTIVE" && c.NotAfter < expiringBefore));
    }

    private async Task<IEnumerable<CertificateInfo>> ScanCertificatesAsync(CancellationToken cancellationToken) =>
        (await ScanAsync(_certificateTableName, cancellationToken).ConfigureAwait(false))
            .Select(i => JsonSerializer.Deserialize(i["info"].S, FleetIndexJsonContext.Default.CertificateInfo)!);

    private async Task<List<Dictionary<string, AttributeValue>>> ScanAsync(string table, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var response = await client.ScanAsync(new ScanRequest { TableName = table, ExclusiveStartKey = start, ConsistentRead = true }, cancellationToken).ConfigureAwait(false);
            entries.AddRange(response.Items ?? []);
            start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);

        return entries;
    }

    private async Task UpsertVehicleCertificateAsync(string thingName, string certificateId, string status, DateTimeOffset expiry, DateTimeOffset updatedAt, CancellationToken cancellationToken)
    {
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

    private Task EnsureTableAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_vehicleTable.EnsureReadyAsync(cancellationToken), _certificateTable.EnsureReadyAsync(cancellationToken));

    private static string CertificateTableName(string tableName, string? configured) => configured ?? tableName + "Certificates";

    private static DynamoDbTable Table(IAmazonDynamoDB client, string name, string key) => new(() => client, name, createIfMissing: true, settingName: null, () => new CreateTableRequest
    {
        KeySchema = [new KeySchemaElement(key, KeyType.HASH)],
        AttributeDefinitions = [new AttributeDefinition(key, ScalarAttributeType.S)],
    });
}
