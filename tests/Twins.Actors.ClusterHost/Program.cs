using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Twins.Actors.ClusterHost;
using Twins.Actors.Hosting;
using Twins.Actors.Storage.DynamoDb;

// Usage: dotnet Twins.Actors.ClusterHost.dll --Dynamo http://127.0.0.1:8000 --Twins:Silo:SiloName silo1 --Twins:Cluster:SiloPort 11111
var builder = Host.CreateApplicationBuilder(args);
var dynamo = builder.Configuration["Dynamo"] ?? throw new InvalidOperationException("Pass --Dynamo <DynamoDB endpoint URL>.");
builder.Services.AddTwinsSilo()
    .AddJsonSerializerContext(ClusterHostJsonContext.Default)
    .AddDynamoDbGrainStorage("store", o =>
    {
        o.CreateClient = () => ClusterHostDynamo.CreateClient(dynamo);
        o.TableName = "TwinsGrainState";
    })
    .UseDynamoDbReminders(o =>
    {
        o.CreateClient = () => ClusterHostDynamo.CreateClient(dynamo);
        o.TableName = "TwinsReminders";
    })
    .UseDynamoDbClustering(o =>
    {
        o.CreateClient = () => ClusterHostDynamo.CreateClient(dynamo);
        o.TableName = "TwinsMembership";
    });
await builder.Build().RunAsync();
