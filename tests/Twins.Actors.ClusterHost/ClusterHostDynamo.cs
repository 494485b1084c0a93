using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace Twins.Actors.ClusterHost;

/// <summary>The DynamoDB client every process of a local cluster uses (dynalite on loopback, dummy credentials).</summary>
public static class ClusterHostDynamo
{
    public static IAmazonDynamoDB CreateClient(string serviceUrl) =>
        new AmazonDynamoDBClient(new BasicAWSCredentials("twins-local", "twins-local-secret"), new AmazonDynamoDBConfig
        {
            ServiceURL = serviceUrl,
            AuthenticationRegion = "us-east-1",
        });
}
