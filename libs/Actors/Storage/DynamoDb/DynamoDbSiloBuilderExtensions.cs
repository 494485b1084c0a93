using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Twins.Actors.Hosting;
using Twins.Actors.Membership;

namespace Twins.Actors.Storage.DynamoDb;

/// <summary>DynamoDB for grain state, reminders and cluster membership.</summary>
public static class DynamoDbSiloBuilderExtensions
{
    /// <summary>Adds a DynamoDB grain store named <paramref name="name"/> (items keyed <c>{serviceId}/{grainId}</c> + state name).</summary>
    public static ISiloBuilder AddDynamoDbGrainStorage(this ISiloBuilder builder, string name, Action<DynamoDbOptions> configure)
    {
        var options = Configure(configure, "TwinsGrainState");
        return builder.AddGrainStorage(name, sp => new DynamoDbGrainStorage(name, ServiceId(sp), options, sp.GetRequiredService<IGrainStateSerializer>()));
    }

    /// <summary>Keeps reminders in DynamoDB.</summary>
    public static ISiloBuilder UseDynamoDbReminders(this ISiloBuilder builder, Action<DynamoDbOptions> configure)
    {
        var options = Configure(configure, "TwinsReminders");
        return builder.UseReminderTable(sp => new DynamoDbReminderTable(ServiceId(sp), options));
    }

    /// <summary>Joins the cluster whose membership lives in DynamoDB.</summary>
    public static ISiloBuilder UseDynamoDbClustering(this ISiloBuilder builder, Action<DynamoDbOptions> configure, Action<ClusterOptions>? configureCluster = null)
    {
        var options = Configure(configure, "TwinsMembership");
        return builder.UseClustering(sp => new DynamoDbMembershipTable(ServiceId(sp), options), configureCluster);
    }

    private static DynamoDbOptions Configure(Action<DynamoDbOptions> configure, string table)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new DynamoDbOptions { TableName = table };
        configure(options);
        return options;
    }

    private static string ServiceId(IServiceProvider services) =>
        services.GetService<IOptions<ClusterOptions>>()?.Value.ServiceId ?? new ClusterOptions().ServiceId;
}
