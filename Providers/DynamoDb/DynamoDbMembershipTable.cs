using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Twins.Providers.Internal;

namespace Twins.Providers.DynamoDb;

/// <summary>
/// Orleans' membership table in DynamoDB: one item per cluster (hash key <c>ClusterId</c>) holding the table
/// <c>Version</c>, its <c>VersionEtag</c> and a map <c>Silos</c> with one entry per silo (every field of its
/// <see cref="MembershipEntry"/> and a row <c>ETag</c>). An insert or update sets the silo's entry, the version and
/// a new version ETag in one UpdateItem conditional on the version ETag (and on the row ETag, or on the entry's
/// absence), which DynamoDB applies atomically: of racing writers with one version exactly one wins, and version
/// and rows never disagree. Heartbeats set only the silo's <c>IAmAliveTime</c>.
/// </summary>
/// <remarks>
/// One item instead of a version item plus an item per silo written with TransactWriteItems: the same atomicity,
/// and it runs on dynalite (the local DynamoDB the tests use), which has no transactions. An entry takes a few
/// hundred bytes, so the 400 KB item limit holds about a thousand silo entries, dead ones included until
/// <see cref="CleanupDefunctSiloEntriesAsync"/> removes them.
/// </remarks>
internal sealed class DynamoDbMembershipTable : IMembershipTable
{
    private const string ClusterKey = "ClusterId";

    private readonly string _clusterId;
    private readonly DynamoDbTable _table;

    public DynamoDbMembershipTable(IOptions<DynamoDbClusteringOptions> options, IOptions<ClusterOptions> cluster)
        : this(options?.Value ?? throw new ArgumentNullException(nameof(options)), cluster?.Value.ClusterId ?? throw new ArgumentNullException(nameof(cluster)))
    {
    }

    public DynamoDbMembershipTable(DynamoDbClusteringOptions options, string clusterId)
    {
        ArgumentNullException.ThrowIfNull(options);
        _clusterId = clusterId;
        _table = new DynamoDbTable(options.CreateClient, options.TableName, options.CreateTableIfMissing, options.SettingName, static () => new CreateTableRequest
        {
            KeySchema = [new KeySchemaElement(ClusterKey, KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition(ClusterKey, ScalarAttributeType.S)],
        });
    }

    public Task InitializeMembershipTable(bool tryInitTableVersion) => InitializeMembershipTableAsync(tryInitTableVersion, CancellationToken.None);

    public async Task InitializeMembershipTableAsync(bool tryInitTableVersion, CancellationToken cancellationToken)
    {
        await _table.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        if (tryInitTableVersion)
        {
            await CreateClusterItemAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    [Obsolete("Use DeleteMembershipTableEntriesAsync.")]
    public Task DeleteMembershipTableEntries(string clusterId) => DeleteMembershipTableEntriesAsync(clusterId, CancellationToken.None);

    public async Task DeleteMembershipTableEntriesAsync(string clusterId, CancellationToken cancellationToken)
    {
        var client = await _table.ReadyClientAsync(cancellationToken).ConfigureAwait(false);
        await client.DeleteItemAsync(new DeleteItemRequest { TableName = _table.Name, Key = Key(clusterId) }, cancellationToken).ConfigureAwait(false);
    }

    [Obsolete("Use CleanupDefunctSiloEntriesAsync.")]
    public Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate) => CleanupDefunctSiloEntriesAsync(beforeDate, CancellationToken.None);

    public async Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken)
    {
        var (_, rows) = await ReadItemAsync(cancellationToken).ConfigureAwait(false);
        var defunct = rows.Where(row => MembershipFormat.IsDefunct(row.Item1, beforeDate)).ToList();
        var client = await _table.ReadyClientAsync(cancellationToken).ConfigureAwait(false);
        foreach (var batch in defunct.Chunk(50))
        {
            var names = new Dictionary<string, string>();
            var values = new Dictionary<string, AttributeValue>();
            var conditions = new List<string>();
            for (var i = 0; i < batch.Length; i++)
            {
                names[$"#s{i}"] = batch[i].Item1.SiloAddress.ToParsableString();
                values[$":e{i}"] = new AttributeValue { S = batch[i].Item2 };
                conditions.Add($"Silos.#s{i}.ETag = :e{i}");
            }

            try
            {
                // Only entries nobody changed since the read: a silo that came back to life keeps its entry.
                await client.UpdateItemAsync(new UpdateItemRequest
                {
                    TableName = _table.Name,
                    Key = Key(_clusterId),
                    UpdateExpression = "REMOVE " + string.Join(", ", names.Keys.Select(name => "Silos." + name)),
                    ConditionExpression = string.Join(" AND ", conditions),
                    ExpressionAttributeNames = names,
                    ExpressionAttributeValues = values,
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (ConditionalCheckFailedException)
            {
                // Something changed meanwhile; the next periodic cleanup tries again.
            }
        }
    }

    [Obsolete("Use ReadRowAsync.")]
    public Task<MembershipTableData> ReadRow(SiloAddress key) => ReadRowAsync(key, CancellationToken.None);

    public async Task<MembershipTableData> ReadRowAsync(SiloAddress key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var (version, rows) = await ReadItemAsync(cancellationToken).ConfigureAwait(false);
        return new MembershipTableData([.. rows.Where(row => row.Item1.SiloAddress.Equals(key))], version);
    }

    [Obsolete("Use ReadAllAsync.")]
    public Task<MembershipTableData> ReadAll() => ReadAllAsync(CancellationToken.None);

    public async Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken)
    {
        var (version, rows) = await ReadItemAsync(cancellationToken).ConfigureAwait(false);
        return new MembershipTableData(rows, version);
    }

    [Obsolete("Use InsertRowAsync.")]
    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) => InsertRowAsync(entry, tableVersion, CancellationToken.None);

    public async Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion tableVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tableVersion);
        if (tableVersion.VersionEtag == ETags.InitialTableVersion)
        {
            // The first insert may come before anyone initialized the cluster's item.
            await CreateClusterItemAsync(cancellationToken).ConfigureAwait(false);
        }

        return await WriteAsync(entry, null, tableVersion, cancellationToken).ConfigureAwait(false);
    }

    [Obsolete("Use UpdateRowAsync.")]
    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) => UpdateRowAsync(entry, etag, tableVersion, CancellationToken.None);

    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion tableVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(etag);
        return WriteAsync(entry, etag, tableVersion, cancellationToken);
    }

    [Obsolete("Use UpdateIAmAliveAsync.")]
    public Task UpdateIAmAlive(MembershipEntry entry) => UpdateIAmAliveAsync(entry, CancellationToken.None);

    public async Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var client = await _table.ReadyClientAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Heartbeat-neutral: neither the row ETag nor the version changes, so a pending UpdateRow stays valid.
            await client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = _table.Name,
                Key = Key(_clusterId),
                UpdateExpression = "SET Silos.#s.IAmAliveTime = :t",
                ConditionExpression = "attribute_exists(Silos.#s)",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#s"] = entry.SiloAddress.ToParsableString() },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":t"] = Number(StoredTime.ToTicks(entry.IAmAliveTime)) },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            // The entry is gone (cleaned up or the cluster deleted): there is no heartbeat to record.
        }
    }

    /// <summary>The active silos' gateways (for <see cref="DynamoDbGatewayListProvider"/>).</summary>
    internal async Task<IList<Uri>> ReadGatewaysAsync(CancellationToken cancellationToken)
    {
        var (_, rows) = await ReadItemAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(row => MembershipFormat.GatewayUri(row.Item1)).OfType<Uri>()];
    }

    /// <summary>Checks (or creates) the table, or throws <see cref="StoreUnavailableException"/>.</summary>
    internal Task EnsureTableAsync(CancellationToken cancellationToken) => _table.EnsureReadyAsync(cancellationToken);

    private async Task<bool> WriteAsync(MembershipEntry entry, string? rowETag, TableVersion tableVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(tableVersion);
        var values = new Dictionary<string, AttributeValue>
        {
            [":version"] = Number(tableVersion.Version),
            [":newVersionEtag"] = new() { S = ETags.New() },
            [":oldVersionEtag"] = new() { S = tableVersion.VersionEtag },
            [":row"] = Row(entry),
        };
        var condition = "VersionEtag = :oldVersionEtag AND ";
        if (rowETag is null)
        {
            condition += "attribute_not_exists(Silos.#s)";
        }
        else
        {
            condition += "Silos.#s.ETag = :rowEtag";
            values[":rowEtag"] = new AttributeValue { S = rowETag };
        }

        var client = await _table.ReadyClientAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = _table.Name,
                Key = Key(_clusterId),
                UpdateExpression = "SET Version = :version, VersionEtag = :newVersionEtag, Silos.#s = :row",
                ConditionExpression = condition,
                ExpressionAttributeNames = new Dictionary<string, string> { ["#s"] = entry.SiloAddress.ToParsableString() },
                ExpressionAttributeValues = values,
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private async Task CreateClusterItemAsync(CancellationToken cancellationToken)
    {
        var client = await _table.ReadyClientAsync(cancellationToken).ConfigureAwait(false);
        var item = Key(_clusterId);
        item["Version"] = Number(0);
        item["VersionEtag"] = new AttributeValue { S = ETags.InitialTableVersion };
        item["Silos"] = new AttributeValue { M = [], IsMSet = true };
        try
        {
            await client.PutItemAsync(new PutItemRequest
            {
                TableName = _table.Name,
                Item = item,
                ConditionExpression = "attribute_not_exists(#c)",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#c"] = ClusterKey },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            // Another silo initialized it.
        }
    }

    private async Task<(TableVersion Version, List<Tuple<MembershipEntry, string>> Rows)> ReadItemAsync(CancellationToken cancellationToken)
    {
        var client = await _table.ReadyClientAsync(cancellationToken).ConfigureAwait(false);
        var response = await client.GetItemAsync(new GetItemRequest { TableName = _table.Name, Key = Key(_clusterId), ConsistentRead = true }, cancellationToken).ConfigureAwait(false);
        var rows = new List<Tuple<MembershipEntry, string>>();
        if (response.Item is not { Count: > 0 } item)
        {
            return (new TableVersion(0, ETags.InitialTableVersion), rows);
        }

        foreach (var (silo, value) in item.TryGetValue("Silos", out var silos) ? silos.M ?? [] : [])
        {
            var row = value.M;
            rows.Add(Tuple.Create(new MembershipEntry
            {
                SiloAddress = SiloAddress.FromParsableString(silo),
                Status = (SiloStatus)int.Parse(row["Status"].N, CultureInfo.InvariantCulture),
                HostName = Text(row, "HostName")!,
                SiloName = Text(row, "SiloName")!,
                RoleName = Text(row, "RoleName"),
                ProxyPort = (int)Long(row, "ProxyPort"),
                UpdateZone = (int)Long(row, "UpdateZone"),
                FaultZone = (int)Long(row, "FaultZone"),
                StartTime = StoredTime.FromTicks(Long(row, "StartTime")),
                IAmAliveTime = StoredTime.FromTicks(Long(row, "IAmAliveTime")),
                SuspectTimes = MembershipFormat.ParseSuspectTimes(Text(row, "SuspectTimes")),
            }, row["ETag"].S));
        }

        return (new TableVersion(int.Parse(item["Version"].N, CultureInfo.InvariantCulture), item["VersionEtag"].S), rows);
    }

    private static AttributeValue Row(MembershipEntry entry)
    {
        var row = new Dictionary<string, AttributeValue>
        {
            ["Status"] = Number((int)entry.Status),
            ["ProxyPort"] = Number(entry.ProxyPort),
            ["UpdateZone"] = Number(entry.UpdateZone),
            ["FaultZone"] = Number(entry.FaultZone),
            ["StartTime"] = Number(StoredTime.ToTicks(entry.StartTime)),
            ["IAmAliveTime"] = Number(StoredTime.ToTicks(entry.IAmAliveTime)),
            ["ETag"] = new() { S = ETags.New() },
        };

        // Absent rather than null or empty: an empty string is the one text some DynamoDB servers reject.
        AddText(row, "HostName", entry.HostName);
        AddText(row, "SiloName", entry.SiloName);
        AddText(row, "RoleName", entry.RoleName);
        AddText(row, "SuspectTimes", MembershipFormat.FormatSuspectTimes(entry.SuspectTimes));
        return new AttributeValue { M = row };
    }

    private static void AddText(Dictionary<string, AttributeValue> row, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            row[name] = new AttributeValue { S = value };
        }
    }

    private static string? Text(Dictionary<string, AttributeValue> row, string name) => row.TryGetValue(name, out var value) ? value.S : null;

    private static long Long(Dictionary<string, AttributeValue> row, string name) => long.Parse(row[name].N, CultureInfo.InvariantCulture);

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static Dictionary<string, AttributeValue> Key(string clusterId) => new() { [ClusterKey] = new AttributeValue { S = clusterId } };
}
