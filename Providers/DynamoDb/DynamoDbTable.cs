using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace Twins.Providers.DynamoDb;

/// <summary>
/// One provider's DynamoDB table: creates the client once, checks (or creates) the table once and waits until it
/// and its indexes are ACTIVE, and turns an endpoint that does not answer into a <see cref="StoreUnavailableException"/>
/// naming the endpoint and the setting that points at it.
/// </summary>
internal sealed class DynamoDbTable
{
    private static readonly TimeSpan ActivePollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan ActiveTimeout = TimeSpan.FromMinutes(2);

    private readonly Lazy<IAmazonDynamoDB> _client;
    private readonly bool _createIfMissing;
    private readonly string _setting;
    private readonly Func<CreateTableRequest> _definition;
    private readonly Lock _gate = new();
    private Task? _ready;

    public DynamoDbTable(Func<IAmazonDynamoDB> createClient, string tableName, bool createIfMissing, string? settingName, Func<CreateTableRequest> definition)
    {
        _setting = settingName ?? "ServiceUrl";
        if (createClient is null || string.IsNullOrWhiteSpace(tableName))
        {
            throw new OrleansConfigurationException($"DynamoDB ({_setting}): CreateClient and TableName must be set.");
        }

        _client = new Lazy<IAmazonDynamoDB>(createClient);
        Name = tableName;
        _createIfMissing = createIfMissing;
        _definition = definition;
    }

    public string Name { get; }

    public IAmazonDynamoDB Client => _client.Value;

    /// <summary>Where the client sends requests, for messages.</summary>
    public string Endpoint => Client.Config is { } config
        ? config.ServiceURL?.TrimEnd('/') ?? config.RegionEndpoint?.SystemName ?? "(default endpoint)"
        : "(default endpoint)";

    /// <summary>Checks the table once (creating it when allowed); a later call after a failure tries again.</summary>
    public Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        Task ready;
        lock (_gate)
        {
            ready = _ready is { IsFaulted: false, IsCanceled: false } ? _ready : _ready = CheckAsync();
        }

        return ready.WaitAsync(cancellationToken);
    }

    /// <summary>The client once the table is ready.</summary>
    public async Task<IAmazonDynamoDB> ReadyClientAsync(CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        return Client;
    }

    private async Task CheckAsync()
    {
        try
        {
            if (await IsActiveAsync().ConfigureAwait(false))
            {
                return;
            }
        }
        catch (ResourceNotFoundException) when (_createIfMissing)
        {
            await CreateAsync().ConfigureAwait(false);
        }
        catch (ResourceNotFoundException ex)
        {
            throw new StoreUnavailableException($"DynamoDB at {Endpoint} ({_setting}) has no table '{Name}', and creating it is turned off (CreateTableIfMissing).", ex);
        }
        catch (Exception ex) when (ex is not StoreUnavailableException)
        {
            throw Unavailable(ex);
        }

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!await IsActiveAsync().ConfigureAwait(false))
        {
            if (waited.Elapsed > ActiveTimeout)
            {
                throw new StoreUnavailableException($"DynamoDB table '{Name}' at {Endpoint} ({_setting}) did not become ACTIVE within {ActiveTimeout.TotalSeconds:0} s.");
            }

            // Table creation is asynchronous in DynamoDB; this waits for the service, not for a clock in a test.
            await Task.Delay(ActivePollInterval).ConfigureAwait(false);
        }
    }

    private async Task CreateAsync()
    {
        try
        {
            var request = _definition();
            request.TableName = Name;
            request.BillingMode = BillingMode.PAY_PER_REQUEST;
            await Client.CreateTableAsync(request).ConfigureAwait(false);
        }
        catch (ResourceInUseException)
        {
            // Another silo created it first.
        }
        catch (Exception ex)
        {
            throw Unavailable(ex);
        }
    }

    private async Task<bool> IsActiveAsync()
    {
        var table = (await Client.DescribeTableAsync(Name).ConfigureAwait(false)).Table;
        return table.TableStatus == TableStatus.ACTIVE
            && (table.GlobalSecondaryIndexes ?? []).All(index => index.IndexStatus == IndexStatus.ACTIVE);
    }

    private StoreUnavailableException Unavailable(Exception ex) =>
        ex is AmazonServiceException { StatusCode: not 0 } service
            ? new StoreUnavailableException($"DynamoDB at {Endpoint} ({_setting}) refused table '{Name}': {service.ErrorCode} {ex.Message}", ex)
            : new StoreUnavailableException($"DynamoDB at {Endpoint} ({_setting}) did not answer: {Innermost(ex).Message}", ex);

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is { } inner)
        {
            ex = inner;
        }

        return ex;
    }
}
