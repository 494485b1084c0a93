using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Orleans.Storage;
using Twins.Providers.Internal;

namespace Twins.Providers.DynamoDb;

/// <summary>
/// Grain state in DynamoDB: one item per grain and state name (hash key <c>Id</c> = <c>{serviceId}/{grainId}</c>,
/// range key <c>State</c> = the state name) with the serialized state in <c>Data</c> and an <c>ETag</c>. Reads are
/// strongly consistent; writes and clears are PutItem/DeleteItem conditional on the ETag, so a stale activation gets
/// <see cref="InconsistentStateException"/> and changes nothing.
/// </summary>
internal sealed class DynamoDbGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>DynamoDB's item size limit, 400 KB.</summary>
    public const int MaxItemBytes = 400 * 1024;

    private const string IdKey = "Id";
    private const string StateKey = "State";
    private const string ETagAttribute = "ETag";
    private const string DataAttribute = "Data";

    private readonly string _name;
    private readonly string _serviceId;
    private readonly DynamoDbStorageOptions _options;
    private readonly DynamoDbTable _table;

    public DynamoDbGrainStorage(string name, DynamoDbStorageOptions options, string serviceId)
    {
        ArgumentNullException.ThrowIfNull(options);
        _name = name;
        _serviceId = serviceId;
        _options = options;
        _table = new DynamoDbTable(options.CreateClient, options.TableName, options.CreateTableIfMissing, options.SettingName, static () => new CreateTableRequest
        {
            KeySchema = [new KeySchemaElement(IdKey, KeyType.HASH), new KeySchemaElement(StateKey, KeyType.RANGE)],
            AttributeDefinitions = [new AttributeDefinition(IdKey, ScalarAttributeType.S), new AttributeDefinition(StateKey, ScalarAttributeType.S)],
        });
    }

    public void Participate(ISiloLifecycle observer) =>
        observer.Subscribe(OptionFormattingUtilities.Name<DynamoDbGrainStorage>(_name), ServiceLifecycleStage.ApplicationServices, InitializeAsync);

    /// <summary>Checks (or creates) the table at silo start-up, so an endpoint that does not answer stops the silo.</summary>
    internal Task InitializeAsync(CancellationToken cancellationToken) => _table.EnsureReadyAsync(cancellationToken);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var item = await GetAsync(stateName, grainId, cancellationToken).ConfigureAwait(false);
        if (item is not null && item.TryGetValue(DataAttribute, out var data) && data.B is not null)
        {
            grainState.State = _options.GrainStorageSerializer.Deserialize<T>(new BinaryData(data.B.ToArray()));
            grainState.ETag = item[ETagAttribute].S;
            grainState.RecordExists = true;
        }
        else
        {
            // Nothing stored, or a tombstone whose ETag the next write must name.
            grainState.State = GrainStateDefaults.Create(grainState.State);
            grainState.ETag = item?[ETagAttribute].S;
            grainState.RecordExists = false;
        }
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var data = _options.GrainStorageSerializer.Serialize(grainState.State).ToArray();
        var key = Key(stateName, grainId);
        var size = data.Length + key.Values.Sum(v => System.Text.Encoding.UTF8.GetByteCount(v.S)) + 64;
        if (size > MaxItemBytes)
        {
            throw new InvalidOperationException($"State '{stateName}' of grain {grainId} is {size:N0} bytes as a DynamoDB item in storage '{_name}', over DynamoDB's 400 KB item limit; keep large data elsewhere and store a reference.");
        }

        var etag = ETags.New();
        var item = key;
        item[ETagAttribute] = new AttributeValue { S = etag };
        item[DataAttribute] = new AttributeValue { B = new MemoryStream(data) };
        await PutConditionallyAsync("Write", stateName, grainId, item, grainState.ETag, cancellationToken).ConfigureAwait(false);
        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        string? etag = null;
        if (grainState.ETag is null)
        {
            // Nothing to clear unless someone else wrote (or cleared) the record since this activation read it.
            if ((await GetAsync(stateName, grainId, cancellationToken).ConfigureAwait(false))?[ETagAttribute].S is { } stored)
            {
                throw Conflict("Clear", stateName, grainId, stored, null);
            }
        }
        else if (_options.DeleteStateOnClear)
        {
            var client = await _table.ReadyClientAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await client.DeleteItemAsync(new DeleteItemRequest
                {
                    TableName = _table.Name,
                    Key = Key(stateName, grainId),
                    ConditionExpression = "#e = :old",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#e"] = ETagAttribute },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":old"] = new() { S = grainState.ETag } },
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (ConditionalCheckFailedException)
            {
                throw await ConflictAsync("Clear", stateName, grainId, grainState.ETag, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            etag = ETags.New();
            var tombstone = Key(stateName, grainId);
            tombstone[ETagAttribute] = new AttributeValue { S = etag };
            await PutConditionallyAsync("Clear", stateName, grainId, tombstone, grainState.ETag, cancellationToken).ConfigureAwait(false);
        }

        grainState.State = GrainStateDefaults.Create(grainState.State);
        grainState.ETag = etag;
        grainState.RecordExists = false;
    }

    private async Task PutConditionallyAsync(string operation, string stateName, GrainId grainId, Dictionary<string, AttributeValue> item, string? expectedETag, CancellationToken cancellationToken)
    {
        var request = new PutItemRequest { TableName = _table.Name, Item = item, ExpressionAttributeNames = [] };
        if (expectedETag is null)
        {
            request.ConditionExpression = "attribute_not_exists(#id)";
            request.ExpressionAttributeNames["#id"] = IdKey;
        }
        else
        {
            request.ConditionExpression = "#e = :old";
            request.ExpressionAttributeNames["#e"] = ETagAttribute;
            request.ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":old"] = new() { S = expectedETag } };
        }

        var client = await _table.ReadyClientAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await client.PutItemAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            throw await ConflictAsync(operation, stateName, grainId, expectedETag, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Dictionary<string, AttributeValue>?> GetAsync(string stateName, GrainId grainId, CancellationToken cancellationToken)
    {
        var client = await _table.ReadyClientAsync(cancellationToken).ConfigureAwait(false);
        var response = await client.GetItemAsync(new GetItemRequest { TableName = _table.Name, Key = Key(stateName, grainId), ConsistentRead = true }, cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? item : null;
    }

    private async Task<InconsistentStateException> ConflictAsync(string operation, string stateName, GrainId grainId, string? current, CancellationToken cancellationToken) =>
        Conflict(operation, stateName, grainId, (await GetAsync(stateName, grainId, cancellationToken).ConfigureAwait(false))?[ETagAttribute].S, current);

    private InconsistentStateException Conflict(string operation, string stateName, GrainId grainId, string? stored, string? current) =>
        new($"{operation} of state '{stateName}' of grain {grainId} in DynamoDB storage '{_name}' (table {_table.Name}) was rejected: the stored ETag is {stored ?? "none"}, this activation holds {current ?? "none"}.", stored ?? "none", current ?? "none");

    private Dictionary<string, AttributeValue> Key(string stateName, GrainId grainId) => new()
    {
        [IdKey] = new AttributeValue { S = $"{_serviceId}/{grainId}" },
        [StateKey] = new AttributeValue { S = stateName },
    };
}
