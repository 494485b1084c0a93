using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Twins.Actors.Reminders;

namespace Twins.Actors.Storage.DynamoDb;

/// <summary>
/// Reminders in DynamoDB: one item per grain and reminder name (hash key <c>{serviceId}/{grainId}</c>, range
/// key the name) with an integer ETag; updates and removals are conditional on it. Times are UTC ticks.
/// </summary>
public sealed class DynamoDbReminderTable : IReminderTable
{
    private const string IdKey = "Id";
    private const string NameKey = "Name";
    private readonly string _serviceId;
    private readonly DynamoDbOptions _options;
    private readonly Lazy<IAmazonDynamoDB> _client;
    private Task? _ready;

    /// <summary>Creates the table for cluster <paramref name="serviceId"/>.</summary>
    public DynamoDbReminderTable(string serviceId, DynamoDbOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _serviceId = serviceId;
        _options = options;
        _client = new Lazy<IAmazonDynamoDB>(options.CreateClient);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ReminderEntry>> ReadAllRowsAsync(CancellationToken cancellationToken = default)
    {
        var client = await ReadyAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<ReminderEntry>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var response = await client.ScanAsync(new ScanRequest
            {
                TableName = _options.TableName,
                ConsistentRead = true,
                FilterExpression = "ServiceId = :s",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":s"] = new() { S = _serviceId } },
                ExclusiveStartKey = start,
            }, cancellationToken).ConfigureAwait(false);
            rows.AddRange((response.Items ?? []).Select(Parse));
            start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);

        return rows;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken = default)
    {
        var client = await ReadyAsync(cancellationToken).ConfigureAwait(false);
        var response = await client.QueryAsync(new QueryRequest
        {
            TableName = _options.TableName,
            ConsistentRead = true,
            KeyConditionExpression = "Id = :id",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":id"] = new() { S = Id(grainId) } },
        }, cancellationToken).ConfigureAwait(false);
        return (response.Items ?? []).Select(Parse).ToList();
    }

    /// <inheritdoc />
    public async Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken = default)
    {
        var client = await ReadyAsync(cancellationToken).ConfigureAwait(false);
        var response = await client.GetItemAsync(new GetItemRequest { TableName = _options.TableName, Key = Key(grainId, reminderName), ConsistentRead = true }, cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? Parse(item) : null;
    }

    /// <inheritdoc />
    public async Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var client = await ReadyAsync(cancellationToken).ConfigureAwait(false);
        var response = await client.UpdateItemAsync(Update(entry, "SET ServiceId = :s, GrainId = :g, StartAt = :start, Period = :period, NextDueAt = :next, ETag = if_not_exists(ETag, :zero) + :one", null), cancellationToken).ConfigureAwait(false);
        return response.Attributes["ETag"].N;
    }

    /// <inheritdoc />
    public async Task<string?> UpdateRowAsync(ReminderEntry entry, string expectedETag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var client = await ReadyAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await client.UpdateItemAsync(Update(entry, "SET StartAt = :start, Period = :period, NextDueAt = :next, ETag = ETag + :one", expectedETag), cancellationToken).ConfigureAwait(false);
            return response.Attributes["ETag"].N;
        }
        catch (ConditionalCheckFailedException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string? expectedETag = null, CancellationToken cancellationToken = default)
    {
        var client = await ReadyAsync(cancellationToken).ConfigureAwait(false);
        var request = new DeleteItemRequest { TableName = _options.TableName, Key = Key(grainId, reminderName), ConditionExpression = "attribute_exists(Id)" };
        if (expectedETag is not null)
        {
            request.ConditionExpression += " AND ETag = :old";
            request.ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":old"] = new() { N = Valid(expectedETag) } };
        }

        try
        {
            await client.DeleteItemAsync(request, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private UpdateItemRequest Update(ReminderEntry entry, string expression, string? expectedETag)
    {
        var values = new Dictionary<string, AttributeValue>
        {
            [":start"] = Number(entry.StartAt.UtcTicks),
            [":period"] = Number(entry.IsOneShot ? -1 : entry.Period.Ticks),
            [":next"] = Number(entry.NextDueAt.UtcTicks),
            [":one"] = Number(1),
        };
        var request = new UpdateItemRequest
        {
            TableName = _options.TableName,
            Key = Key(entry.GrainId, entry.ReminderName),
            UpdateExpression = expression,
            ExpressionAttributeValues = values,
            ReturnValues = ReturnValue.UPDATED_NEW,
        };
        if (expectedETag is null)
        {
            values[":s"] = new AttributeValue { S = _serviceId };
            values[":g"] = new AttributeValue { S = entry.GrainId.ToString() };
            values[":zero"] = Number(0);
        }
        else
        {
            request.ConditionExpression = "ETag = :old";
            values[":old"] = new AttributeValue { N = Valid(expectedETag) };
        }

        return request;
    }

    private static ReminderEntry Parse(Dictionary<string, AttributeValue> item)
    {
        var period = long.Parse(item["Period"].N, CultureInfo.InvariantCulture);
        return new ReminderEntry
        {
            GrainId = GrainId.Parse(item["GrainId"].S),
            ReminderName = item[NameKey].S,
            StartAt = new DateTimeOffset(long.Parse(item["StartAt"].N, CultureInfo.InvariantCulture), TimeSpan.Zero),
            Period = period < 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromTicks(period),
            NextDueAt = new DateTimeOffset(long.Parse(item["NextDueAt"].N, CultureInfo.InvariantCulture), TimeSpan.Zero),
            ETag = item["ETag"].N,
        };
    }

    private static string Valid(string etag) => long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? etag : "-1";

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private string Id(GrainId grainId) => $"{_serviceId}/{grainId}";

    private Dictionary<string, AttributeValue> Key(GrainId grainId, string name) => new()
    {
        [IdKey] = new AttributeValue { S = Id(grainId) },
        [NameKey] = new AttributeValue { S = name },
    };

    private async Task<IAmazonDynamoDB> ReadyAsync(CancellationToken cancellationToken)
    {
        var client = _client.Value;
        if (_options.CreateTableIfMissing)
        {
            var ready = _ready;
            if (ready is null || ready.IsFaulted || ready.IsCanceled)
            {
                _ready = ready = DynamoDbTables.EnsureAsync(client, _options.TableName, IdKey, NameKey, CancellationToken.None);
            }

            await ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return client;
    }
}
