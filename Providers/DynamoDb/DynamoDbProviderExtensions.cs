using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Messaging;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using Twins.Providers.Internal;

namespace Twins.Providers.DynamoDb;

/// <summary>Registers the DynamoDB providers with an Orleans silo or client.</summary>
public static class DynamoDbProviderExtensions
{
    /// <summary>
    /// Adds a DynamoDB grain storage named <paramref name="name"/> (the <c>storageName</c> of
    /// <c>[PersistentState]</c>). Items are keyed by the cluster's <see cref="ClusterOptions.ServiceId"/>, so state
    /// survives redeployments under a new cluster id. The table is checked (or created) during silo start-up.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="name">The storage name.</param>
    /// <param name="configure">Sets the client, table and the other options.</param>
    /// <returns>The builder.</returns>
    public static ISiloBuilder AddDynamoDbGrainStorage(this ISiloBuilder builder, string name, Action<DynamoDbStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<DynamoDbStorageOptions>(name).Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Transient<IPostConfigureOptions<DynamoDbStorageOptions>, DefaultStorageProviderSerializerOptionsConfigurator<DynamoDbStorageOptions>>());
        services.ConfigureNamedOptionForLogging<DynamoDbStorageOptions>(name);
        services.AddTransient<IConfigurationValidator>(sp =>
        {
            var options = sp.GetRequiredService<IOptionsMonitor<DynamoDbStorageOptions>>().Get(name);
            return new RequiredSettingValidator($"DynamoDB grain storage '{name}'", nameof(DynamoDbStorageOptions.TableName), () => !string.IsNullOrWhiteSpace(options.TableName) && options.CreateClient is not null);
        });
        services.AddGrainStorage(name, static (sp, storageName) => new DynamoDbGrainStorage(
            storageName,
            sp.GetRequiredService<IOptionsMonitor<DynamoDbStorageOptions>>().Get(storageName),
            sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));
        return builder;
    }

    /// <summary>Adds a DynamoDB grain storage as the default storage (grains whose <c>[PersistentState]</c> names no storage).</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configure">Sets the client, table and the other options.</param>
    /// <returns>The builder.</returns>
    public static ISiloBuilder AddDynamoDbGrainStorageAsDefault(this ISiloBuilder builder, Action<DynamoDbStorageOptions> configure) =>
        builder.AddDynamoDbGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configure);

    /// <summary>
    /// Adds Orleans' reminder service (<c>AddReminders</c>) with its table in DynamoDB, keyed by the cluster's
    /// <see cref="ClusterOptions.ServiceId"/>. The table is checked (or created) when the reminder service starts.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configure">Sets the client and table.</param>
    /// <returns>The builder.</returns>
    public static ISiloBuilder UseDynamoDbReminderService(this ISiloBuilder builder, Action<DynamoDbReminderOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.AddReminders();
        var services = builder.Services;
        services.Configure(configure);
        services.AddTransient<IConfigurationValidator>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DynamoDbReminderOptions>>().Value;
            return new RequiredSettingValidator("DynamoDB reminder table", nameof(DynamoDbReminderOptions.TableName), () => !string.IsNullOrWhiteSpace(options.TableName) && options.CreateClient is not null);
        });
        services.AddSingleton<IReminderTable, DynamoDbReminderTable>();
        return builder;
    }

    /// <summary>
    /// Keeps the silo's cluster membership in DynamoDB (one item per <see cref="ClusterOptions.ClusterId"/>). Orleans
    /// initializes the table when the silo joins; an endpoint that does not answer stops the silo.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configure">Sets the client and table.</param>
    /// <returns>The builder.</returns>
    public static ISiloBuilder UseDynamoDbClustering(this ISiloBuilder builder, Action<DynamoDbClusteringOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddClusteringOptions(builder.Services, configure);
        builder.Services.AddSingleton<IMembershipTable, DynamoDbMembershipTable>();
        return builder;
    }

    /// <summary>Lets a cluster client find the gateways of the silos whose membership is in DynamoDB.</summary>
    /// <param name="builder">The client builder.</param>
    /// <param name="configure">Sets the client and table.</param>
    /// <returns>The builder.</returns>
    public static IClientBuilder UseDynamoDbClustering(this IClientBuilder builder, Action<DynamoDbClusteringOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddClusteringOptions(builder.Services, configure);
        builder.Services.AddSingleton<IGatewayListProvider, DynamoDbGatewayListProvider>();
        return builder;
    }

    private static void AddClusteringOptions(IServiceCollection services, Action<DynamoDbClusteringOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.Configure(configure);
        services.AddTransient<IConfigurationValidator>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DynamoDbClusteringOptions>>().Value;
            return new RequiredSettingValidator("DynamoDB clustering", nameof(DynamoDbClusteringOptions.TableName), () => !string.IsNullOrWhiteSpace(options.TableName) && options.CreateClient is not null);
        });
    }
}
