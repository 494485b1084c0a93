using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace Twins.Grains.Tests.TelemetrySink;

/// <summary>
/// A client of a real dynalite that plays DynamoDB throttling a batch (which dynalite never does): while
/// <see cref="ThrottledRequests"/> is above zero, a BatchWriteItem stores only its first item (none if it
/// has one) and returns the others as unprocessed, as DynamoDB does under load.
/// </summary>
internal sealed class ThrottlingDynamoDbClient(Uri serviceUrl) : AmazonDynamoDBClient(
    new BasicAWSCredentials("twins-test", "twins-test-secret"),
    new AmazonDynamoDBConfig { ServiceURL = serviceUrl.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 })
{
    private int _throttledRequests;
    private int _throttled;

    /// <summary>Batch requests still to throttle; <see cref="int.MaxValue"/> throttles every one.</summary>
    public int ThrottledRequests
    {
        get => Volatile.Read(ref _throttledRequests);
        set => Volatile.Write(ref _throttledRequests, value);
    }

    /// <summary>Batch requests throttled so far.</summary>
    public int Throttled => Volatile.Read(ref _throttled);

    public override async Task<BatchWriteItemResponse> BatchWriteItemAsync(BatchWriteItemRequest request, CancellationToken cancellationToken = default)
    {
        var (table, writes) = request.RequestItems.Single();
        if (Interlocked.Decrement(ref _throttledRequests) < 0)
        {
            Interlocked.Increment(ref _throttledRequests);
            return await base.BatchWriteItemAsync(request, cancellationToken);
        }

        Interlocked.Increment(ref _throttled);
        if (writes.Count == 1)
        {
            return new BatchWriteItemResponse { UnprocessedItems = new() { [table] = writes } };
        }

        await base.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { [table] = [writes[0]] } }, cancellationToken);
        return new BatchWriteItemResponse { UnprocessedItems = new() { [table] = writes.Skip(1).ToList() } };
    }
}
