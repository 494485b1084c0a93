using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Twins.Grains.Internal;

/// <summary>
/// Creates a store's DynamoDB tables the first time the store is used, and waits until each is ACTIVE. One process
/// creates them once; another silo creating the same table at the same moment is expected (<c>ResourceInUse</c>).
/// </summary>
internal sealed class DynamoDbTableSetup(IAmazonDynamoDB client, params CreateTableRequest[] tables) : IDisposable
{
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(100);
    private readonly SemaphoreSlim _lock = new(1, 1);
    private volatile bool _ready;

    /// <summary>Returns at once once the tables are known to exist; otherwise creates the missing ones and waits for them.</summary>
    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (_ready)
        {
            return;
        }

        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_ready)
            {
                return;
            }

            foreach (var table in tables)
            {
                try
                {
                    await client.CreateTableAsync(table, cancellationToken).ConfigureAwait(false);
                }
                catch (ResourceInUseException)
                {
                    // Already there (another silo, or an earlier start).
                }

                // The table's own state on the service, so real time, not the silo's clock.
                while ((await client.DescribeTableAsync(table.TableName, cancellationToken).ConfigureAwait(false)).Table.TableStatus != TableStatus.ACTIVE)
                {
                    await Task.Delay(s_pollInterval, cancellationToken).ConfigureAwait(false);
                }
            }

            _ready = true;
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose() => _lock.Dispose();
}
