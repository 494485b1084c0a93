using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Twins.Actors.Storage.DynamoDb;

/// <summary>Creates a provider's table once (hash key, optional range key) and waits until it is active.</summary>
internal static class DynamoDbTables
{
    public static async Task EnsureAsync(IAmazonDynamoDB client, string table, string hashKey, string? rangeKey, CancellationToken cancellationToken)
    {
        try
        {
            var described = await client.DescribeTableAsync(table, cancellationToken).ConfigureAwait(false);
            if (described.Table.TableStatus == TableStatus.ACTIVE)
            {
                return;
            }
        }
        catch (ResourceNotFoundException)
        {
            var keys = new List<KeySchemaElement> { new(hashKey, KeyType.HASH) };
            var attributes = new List<AttributeDefinition> { new(hashKey, ScalarAttributeType.S) };
            if (rangeKey is not null)
            {
                keys.Add(new KeySchemaElement(rangeKey, KeyType.RANGE));
                attributes.Add(new AttributeDefinition(rangeKey, ScalarAttributeType.S));
            }

            try
            {
                await client.CreateTableAsync(new CreateTableRequest
                {
                    TableName = table,
                    KeySchema = keys,
                    AttributeDefinitions = attributes,
                    BillingMode = BillingMode.PAY_PER_REQUEST,
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (ResourceInUseException)
            {
                // Another silo created it first.
            }
        }

        for (var attempt = 0; attempt < 600; attempt++)
        {
            var described = await client.DescribeTableAsync(table, cancellationToken).ConfigureAwait(false);
            if (described.Table.TableStatus == TableStatus.ACTIVE)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }

        throw new InvalidOperationException($"DynamoDB table '{table}' did not become ACTIVE.");
    }
}
