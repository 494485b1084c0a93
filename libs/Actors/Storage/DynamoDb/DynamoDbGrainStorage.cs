using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Twins.Actors.Storage.DynamoDb;

/// <summary>
/// Grain state in DynamoDB: one item per grain and state name (hash key <c>{serviceId}/{grainId}</c>, range
/// key the state name) holding the JSON and an integer ETag. Reads are consistent; writes and clears are
/// conditional on the ETag, so a stale activation cannot overwrite a newer state. A clear keeps the item
/// (without data) with its ETag advanced, so an ETag from before a clear and re-create is still rejected.
/// </summary>
public sealed class DynamoDbGrainStorage : IGrainStorage
{
    /// <summary>DynamoDB's item size limit, 400 KB.</summary>
    public const int MaxItemBytes = 400 * 1024;

    private const string IdKey = "Id";
    private const string StateKey = "State";
    private const string ETagAttribute = "ETag";
    private const string DataAttribute = "Data";

    private readonly string _name;
    private readonly string _serviceId;
    private readonly DynamoDbOptions _options;
    private readonly IGrainStateSerializer _serializer;
    private readonly Lazy<IAmazonDynamoDB> _client;
    private Task? _ready;

    /// <summary>Creates a store named <paramref name="name"/> for cluster <paramref name="serviceId"/>.</summary>
    public DynamoDbGrainStorage(string name, string serviceId, DynamoDbOptions options, IGrainStateSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(options);
        _name = name;
        _serviceId = serviceId;
        _options = options;
        _serializer = serializer;
        _client = new Lazy<IAmazonDynamoDB>(options.CreateClient);
    }

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var client = await ReadyAsync(cancellationToken).ConfigureAwait(false);
        var response = await client.GetItemAsync(new GetItemRequest
        {
            TableName = _options.TableName,
            Key = Key(stateName, grainId),
            ConsistentRead = true,
        }, cancellationToken).ConfigureAwait(false);
        var item = response.Item;
        if (item is { Count: > 0 } && item.TryGetValue(DataAttribute, out var data) && data.B is not null)
        {
            grainState.State = StoredState.Deserialize<T>(_serializer, data.B.ToArray(), _name, stateName, grainId);
            grainState.ETag = item[ETagAttribute].N;
            grainState.RecordExists = true;
        }
        else
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
    }

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var data = _serializer.Serialize(grainState.State);
        var size = data.Length + Encoding(stateName, grainId);
        if (size > MaxItemBytes)
        {
            throw new GrainStorageException($"State '{stateName}' of grain {grainId} is {size:N0} bytes as a DynamoDB item in store '{_name}', over DynamoDB's 400 KB item limit; keep large data elsewhere and store a reference.");
        }

        var client = await ReadyAsync(cancellationToken).ConfigureAwait(false);
        var request = new UpdateItemRequest
        {
            TableName = _options.TableName,
            Key = Key(stateName, grainId),
            ExpressionAttributeNames = new Dictionary<string, string> { ["#e"] = ETagAttribute, ["#d"] = DataAttribute },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":d"] = new() { B = new MemoryStream(data) }, [":one"] = new() { N = "1" } },
            ReturnValues = ReturnValue.UPDATED_NEW,
        };
        if (grainState.ETag is null)
        {
            // No record expected: the item is absent, or a cleared item (no data) whose ETag moves on.
            request.UpdateExpression = "SET #d = :d, #e = if_not_exists(#e, :zero) + :one";
            request.ConditionExpression = "attribute_not_exists(#d)";
            request.ExpressionAttributeValues[":zero"] = new AttributeValue { N = "0" };
        }
        else
        {
            request.UpdateExpression = "SET #d = :d, #e = #e + :one";
            request.ConditionExpression = "#e = :old AND attribute_exists(#d)";
            request.ExpressionAttributeValues[":old"] = new AttributeValue { N = ValidETag(grainState.ETag) };
        }

        try
        {
            var response = await client.UpdateItemAsync(request, cancellationToken).ConfigureAwait(false);
            grainState.ETag = response.Attributes[ETagAttribute].N;
            grainState.RecordExists = true;
        }
        catch (ConditionalCheckFailedException)
        {
            throw StoredState.Conflict("Write", _name, stateName, grainId, await StoredETagAsync(client, stateName, grainId, cancellationToken).ConfigureAwait(false), grainState.ETag);
        }
    }

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var client = await ReadyAsync(cancellationToken).ConfigureAwait(false);
        if (grainState.ETag is null)
        {
            var stored = await StoredETagAsync(client, stateName, grainId, cancellationToken).ConfigureAwait(false);
            if (stored is not null)
            {
                throw StoredState.Conflict("Clear", _name, stateName, grainId, stored, null);
            }
        }
        else
        {
            try
            {
                await client.UpdateItemAsync(new UpdateItemRequest
                {
                    TableName = _options.TableName,
                    Key = Key(stateName, grainId),
                    UpdateExpression = "REMOVE #d SET #e = #e + :one",
                    ConditionExpression = "#e = :old AND attribute_exists(#d)",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#e"] = ETagAttribute, ["#d"] = DataAttribute },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":old"] = new() { N = ValidETag(grainState.ETag) }, [":one"] = new() { N = "1" } },
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (ConditionalCheckFailedException)
            {
                throw StoredState.Conflict("Clear", _name, stateName, grainId, await StoredETagAsync(client, stateName, grainId, cancellationToken).ConfigureAwait(false), grainState.ETag);
            }
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    /// <summary>Overwrites the stored bytes of a record (tests use it to simulate corruption).</summary>
    public async Task SetRawAsync(string stateName, GrainId grainId, byte[] data, CancellationToken cancellationToken = default)
    {
        var client = await ReadyAsync(cancellationToken).ConfigureAwait(false);
        var item = Key(stateName, grainId);
        item[DataAttribute] = new AttributeValue { B = new MemoryStream(data) };
        item[ETagAttribute] = new AttributeValue { N = "1" };
        await client.PutItemAsync(new PutItemRequest { TableName = _options.TableName, Item = item }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string?> StoredETagAsync(IAmazonDynamoDB client, string stateName, GrainId grainId, CancellationToken cancellationToken)
    {
        var response = await client.GetItemAsync(new GetItemRequest
        {
            TableName = _options.TableName,
            Key = Key(stateName, grainId),
            ConsistentRead = true,
        }, cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item && item.ContainsKey(DataAttribute) ? item[ETagAttribute].N : null;
    }

    private static string ValidETag(string etag) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? etag : "-1";

    private int Encoding(string stateName, GrainId grainId) =>
        System.Text.Encoding.UTF8.GetByteCount(_serviceId) + System.Text.Encoding.UTF8.GetByteCount(grainId.ToString()) + System.Text.Encoding.UTF8.GetByteCount(stateName) + 64;

    private Dictionary<string, AttributeValue> Key(string stateName, GrainId grainId) => new()
    {
        [IdKey] = new AttributeValue { S = $"{_serviceId}/{grainId}" },
        [StateKey] = new AttributeValue { S = stateName },
    };

    private async Task<IAmazonDynamoDB> ReadyAsync(CancellationToken cancellationToken)
    {
        var client = _client.Value;
        if (_options.CreateTableIfMissing)
        {
            var ready = _ready;
            if (ready is null || ready.IsFaulted || ready.IsCanceled)
            {
                _ready = ready = DynamoDbTables.EnsureAsync(client, _options.TableName, IdKey, StateKey, CancellationToken.None);
            }

            await ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return client;
    }
}
