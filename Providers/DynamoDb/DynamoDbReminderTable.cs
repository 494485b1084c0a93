using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Twins.Providers.Internal;

namespace Twins.Providers.DynamoDb;

/// <summary>
/// Orleans' reminder table in DynamoDB: one item per grain and reminder (hash key <c>Id</c> = <c>{serviceId}/{grainId}</c>,
/// range key <c>Name</c>) with start, period, the grain's uniform hash and an ETag that every upsert replaces; a
/// removal is a DeleteItem conditional on the ETag. Hash-range reads query the global secondary index
/// <c>ServiceId-GrainHash</c> (hash <c>ServiceId</c>, range <c>GrainHash</c>).
/// </summary>
/// <remarks>
/// Index reads are eventually consistent in DynamoDB: a reminder upserted a moment before a range read may be
/// missing from it. The reminder service re-reads its range periodically and on every ring change, and reads by
/// grain (consistent) when a grain registers or unregisters, so a late entry is picked up on the next refresh.
/// </remarks>
internal sealed class DynamoDbReminderTable : IReminderTable
{
    internal const string HashIndex = "ServiceId-GrainHash";
    private const string IdKey = "Id";
    private const string NameKey = "Name";

    private readonly string _serviceId;
    private readonly DynamoDbTable _table;

    public DynamoDbReminderTable(IOptions<DynamoDbReminderOptions> options, IOptions<ClusterOptions> cluster)
        : this(options?.Value ?? throw new ArgumentNullException(nameof(options)), cluster?.Value.ServiceId ?? throw new ArgumentNullException(nameof(cluster)))
    {
    }

    public DynamoDbReminderTable(DynamoDbReminderOptions options, string serviceId)
    {
        ArgumentNullException.ThrowIfNull(options);
        _serviceId = serviceId;
        _table = new DynamoDbTable(options.CreateClient, options.TableName, options.CreateTableIfMissing, options.SettingName, static () => new CreateTableRequest
        {
            KeySchema = [new KeySchemaElement(IdKey, KeyType.HASH), new KeySchemaElement(NameKey, KeyType.RANGE)],
            AttributeDefinitions =
            [
                new AttributeDefinition(IdKey, ScalarAttributeType.S),
                new AttributeDefinition(NameKey, ScalarAttributeType.S),
                new AttributeDefinition("ServiceId", ScalarAttributeType.S),
                new AttributeDefinition("GrainHash", ScalarAttributeType.N),
            ],
            GlobalSecondaryIndexes =
            [
                new GlobalSecondaryIndex
                {
                    IndexName = HashIndex,
                    KeySchema = [new KeySchemaElement("ServiceId", KeyType.HASH), new KeySchemaElement("GrainHash", KeyType.RANGE)],
                    Projection = new Projection { ProjectionType = ProjectionType.ALL },
                },
            ],
        });
    }

    public Task StartAsync(CancellationToken cancellationToken = default) => _table.EnsureReadyAsync(cancellationToken);

    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    public async Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken) =>
        new(await QueryAsync(new QueryRequest
        {
            TableName = _table.Name,
            ConsistentRead = true,
            KeyConditionExpression = "#id = :id",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#id"] = IdKey },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":id"] = new() { S = Id(grainId) } },
        }, cancellationToken).ConfigureAwait(false));

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    public async Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken)
    {
        // (begin, end] on the ring: one BETWEEN query, or two when begin >= end wraps around past uint.MaxValue.
        var rows = new List<ReminderEntry>();
        if (begin < end)
        {
            rows.AddRange(await QueryHashesAsync(begin + 1L, end, cancellationToken).ConfigureAwait(false));
        }
        else
        {
            if (begin < uint.MaxValue)
            {
                rows.AddRange(await QueryHashesAsync(begin + 1L, uint.MaxValue, cancellationToken).ConfigureAwait(false));
            }

            rows.AddRange(await QueryHashesAsync(0, end, cancellationToken).ConfigureAwait(false));
        }

        return new ReminderTableData(rows);
    }

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => ReadRow(grainId, reminderName, CancellationToken.None);

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        var client = await _table.ReadyClientAsync(cancellationToken).ConfigureAwait(false);
        var response = await client.GetItemAsync(new GetItemRequest { TableName = _table.Name, Key = Key(grainId, reminderName), ConsistentRead = true }, cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? Parse(item) : null;
    }

    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    public async Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var etag = ETags.New();
        var item = Key(entry.GrainId, entry.ReminderName);
        item["ServiceId"] = new AttributeValue { S = _serviceId };
        item["GrainId"] = new AttributeValue { S = entry.GrainId.ToString() };
        item["GrainHash"] = Number(entry.GrainId.GetUniformHashCode());
        item["StartAt"] = Number(StoredTime.ToTicks(entry.StartAt));
        item["Period"] = Number(entry.Period.Ticks);
        item["ETag"] = new AttributeValue { S = etag };
        var client = await _table.ReadyClientAsync(cancellationToken).ConfigureAwait(false);
        await client.PutItemAsync(new PutItemRequest { TableName = _table.Name, Item = item }, cancellationToken).ConfigureAwait(false);
        return etag;
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        var client = await _table.ReadyClientAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await client.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = _table.Name,
                Key = Key(grainId, reminderName),
                ConditionExpression = "ETag = :etag",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":etag"] = new() { S = eTag } },
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);

    public async Task TestOnlyClearTable(CancellationToken cancellationToken)
    {
        var client = await _table.ReadyClientAsync(cancellationToken).ConfigureAwait(false);
        foreach (var row in await QueryHashesAsync(0, uint.MaxValue, cancellationToken).ConfigureAwait(false))
        {
            await client.DeleteItemAsync(new DeleteItemRequest { TableName = _table.Name, Key = Key(row.GrainId, row.ReminderName) }, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task<List<ReminderEntry>> QueryHashesAsync(long from, long to, CancellationToken cancellationToken) =>
        QueryAsync(new QueryRequest
        {
            TableName = _table.Name,
            IndexName = HashIndex,
            KeyConditionExpression = "ServiceId = :s AND GrainHash BETWEEN :from AND :to",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                [":s"] = new() { S = _serviceId },
                [":from"] = Number(from),
                [":to"] = Number(to),
            },
        }, cancellationToken);

    private async Task<List<ReminderEntry>> QueryAsync(QueryRequest request, CancellationToken cancellationToken)
    {
        var client = await _table.ReadyClientAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<ReminderEntry>();
        do
        {
            var response = await client.QueryAsync(request, cancellationToken).ConfigureAwait(false);
            rows.AddRange((response.Items ?? []).Select(Parse));
            request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (request.ExclusiveStartKey is not null);

        return rows;
    }

    private static ReminderEntry Parse(Dictionary<string, AttributeValue> item) => new()
    {
        GrainId = GrainId.Parse(item["GrainId"].S, CultureInfo.InvariantCulture),
        ReminderName = item[NameKey].S,
        StartAt = StoredTime.FromTicks(long.Parse(item["StartAt"].N, CultureInfo.InvariantCulture)),
        Period = TimeSpan.FromTicks(long.Parse(item["Period"].N, CultureInfo.InvariantCulture)),
        ETag = item["ETag"].S,
    };

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private string Id(GrainId grainId) => $"{_serviceId}/{grainId}";

    private Dictionary<string, AttributeValue> Key(GrainId grainId, string name) => new()
    {
        [IdKey] = new AttributeValue { S = Id(grainId) },
        [NameKey] = new AttributeValue { S = name },
    };
}
