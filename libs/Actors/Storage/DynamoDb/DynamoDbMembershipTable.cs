using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Twins.Actors.Membership;

namespace Twins.Actors.Storage.DynamoDb;

/// <summary>
/// The membership table in DynamoDB: one item per cluster (hash key the service id) holding the table
/// version and a map with one entry per silo. A status change sets the silo's entry and the version in one
/// conditional UpdateItem (<c>Version = expected</c>), which DynamoDB applies atomically, so version and
/// rows never disagree; heartbeats update only the silo's heartbeat and leave the version alone.
/// </summary>
/// <remarks>
/// One item instead of a version item plus an item per silo written with TransactWriteItems: the same
/// atomicity, and it also runs on dynalite (the local DynamoDB the tests use), which has no transactions.
/// A silo entry takes ~150 bytes, so the 400 KB item limit allows well over a thousand silos.
/// </remarks>
public sealed class DynamoDbMembershipTable : IMembershipTable
{
    private const string ServiceKey = "ServiceId";
    private readonly string _serviceId;
    private readonly DynamoDbOptions _options;
    private readonly Lazy<IAmazonDynamoDB> _client;
    private Task? _ready;

    /// <summary>Creates the table for cluster <paramref name="serviceId"/>.</summary>
    public DynamoDbMembershipTable(string serviceId, DynamoDbOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _serviceId = serviceId;
        _options = options;
        _client = new Lazy<IAmazonDynamoDB>(options.CreateClient);
    }

    /// <inheritdoc />
    public async Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        var client = await ReadyAsync(cancellationToken).ConfigureAwait(false);
        var response = await client.GetItemAsync(new GetItemRequest { TableName = _options.TableName, Key = Key(), ConsistentRead = true }, cancellationToken).ConfigureAwait(false);
        if (response.Item is not { Count: > 0 } item)
        {
            return MembershipSnapshot.Empty;
        }

        var entries = new List<MembershipEntry>();
        if (item.TryGetValue("Silos", out var silos) && silos.M is not null)
        {
            foreach (var (address, value) in silos.M)
            {
                var row = value.M;
                entries.Add(new MembershipEntry
                {
                    Silo = SiloAddress.Parse(address),
                    SiloName = row["Name"].S,
                    Status = (SiloStatus)int.Parse(row["Status"].N, CultureInfo.InvariantCulture),
                    HeartbeatAt = new DateTimeOffset(long.Parse(row["Heartbeat"].N, CultureInfo.InvariantCulture), TimeSpan.Zero),
                    StartedAt = new DateTimeOffset(long.Parse(row["Started"].N, CultureInfo.InvariantCulture), TimeSpan.Zero),
                });
            }
        }

        return new MembershipSnapshot(long.Parse(item["Version"].N, CultureInfo.InvariantCulture), entries);
    }

    /// <inheritdoc />
    public async Task<bool> TryWriteStatusAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var client = await ReadyAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (expectedVersion == 0)
            {
                var item = Key();
                item["Version"] = Number(1);
                item["Silos"] = new AttributeValue { M = new Dictionary<string, AttributeValue> { [entry.Silo.ToString()] = Row(entry) } };
                await client.PutItemAsync(new PutItemRequest
                {
                    TableName = _options.TableName,
                    Item = item,
                    ConditionExpression = "attribute_not_exists(#v)",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#v"] = "Version" },
                }, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await client.UpdateItemAsync(new UpdateItemRequest
                {
                    TableName = _options.TableName,
                    Key = Key(),
                    UpdateExpression = "SET #v = :new, Silos.#a = :row",
                    ConditionExpression = "#v = :old",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#v"] = "Version", ["#a"] = entry.Silo.ToString() },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":new"] = Number(expectedVersion + 1), [":old"] = Number(expectedVersion), [":row"] = Row(entry) },
                }, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<bool> HeartbeatAsync(SiloAddress silo, DateTimeOffset heartbeatAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var client = await ReadyAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = _options.TableName,
                Key = Key(),
                UpdateExpression = "SET Silos.#a.Heartbeat = :t",
                ConditionExpression = "attribute_exists(Silos.#a) AND Silos.#a.#s <> :dead",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#a"] = silo.ToString(), ["#s"] = "Status" },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":t"] = Number(heartbeatAt.UtcTicks), [":dead"] = Number((int)SiloStatus.Dead) },
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private static AttributeValue Row(MembershipEntry entry) => new()
    {
        M = new Dictionary<string, AttributeValue>
        {
            ["Name"] = new() { S = entry.SiloName },
            ["Status"] = Number((int)entry.Status),
            ["Heartbeat"] = Number(entry.HeartbeatAt.UtcTicks),
            ["Started"] = Number(entry.StartedAt.UtcTicks),
        },
    };

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private Dictionary<string, AttributeValue> Key() => new() { [ServiceKey] = new AttributeValue { S = _serviceId } };

    private async Task<IAmazonDynamoDB> ReadyAsync(CancellationToken cancellationToken)
    {
        var client = _client.Value;
        if (_options.CreateTableIfMissing)
        {
            var ready = _ready;
            if (ready is null || ready.IsFaulted || ready.IsCanceled)
            {
                _ready = ready = DynamoDbTables.EnsureAsync(client, _options.TableName, ServiceKey, null, CancellationToken.None);
            }

            await ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return client;
    }
}
