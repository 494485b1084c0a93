using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Messaging;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using Twins.Providers.Internal;

namespace Twins.Providers.Sqlite;

/// <summary>Registers the SQLite providers with an Orleans silo or client.</summary>
public static class SqliteProviderExtensions
{
    /// <summary>
    /// Adds a SQLite grain storage named <paramref name="name"/> (the <c>storageName</c> of
    /// <c>[PersistentState]</c>). Rows are keyed by the cluster's <see cref="ClusterOptions.ServiceId"/>, so state
    /// survives redeployments under a new cluster id. The file is opened during silo start-up.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="name">The storage name.</param>
    /// <param name="configure">Sets <see cref="SqliteStorageOptions.DataSource"/> and the other options.</param>
    /// <returns>The builder.</returns>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder builder, string name, Action<SqliteStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<SqliteStorageOptions>(name).Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Transient<IPostConfigureOptions<SqliteStorageOptions>, DefaultStorageProviderSerializerOptionsConfigurator<SqliteStorageOptions>>());
        services.ConfigureNamedOptionForLogging<SqliteStorageOptions>(name);
        services.AddTransient<IConfigurationValidator>(sp =>
        {
            var options = sp.GetRequiredService<IOptionsMonitor<SqliteStorageOptions>>().Get(name);
            return new RequiredSettingValidator($"SQLite grain storage '{name}'", options.SettingName ?? nameof(SqliteStorageOptions.DataSource), () => !string.IsNullOrWhiteSpace(options.DataSource));
        });
        services.AddGrainStorage(name, static (sp, storageName) => new SqliteGrainStorage(
            storageName,
            sp.GetRequiredService<IOptionsMonitor<SqliteStorageOptions>>().Get(storageName),
            sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));
        return builder;
    }

    /// <summary>Adds a SQLite grain storage as the default storage (grains whose <c>[PersistentState]</c> names no storage).</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configure">Sets <see cref="SqliteStorageOptions.DataSource"/> and the other options.</param>
    /// <returns>The builder.</returns>
    public static ISiloBuilder AddSqliteGrainStorageAsDefault(this ISiloBuilder builder, Action<SqliteStorageOptions> configure) =>
        builder.AddSqliteGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configure);

    /// <summary>
    /// Adds Orleans' reminder service (<c>AddReminders</c>) with its table in a SQLite file, keyed by the cluster's
    /// <see cref="ClusterOptions.ServiceId"/>. The file is opened when the reminder service starts.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configure">Sets <see cref="SqliteReminderOptions.DataSource"/>.</param>
    /// <returns>The builder.</returns>
    public static ISiloBuilder UseSqliteReminderService(this ISiloBuilder builder, Action<SqliteReminderOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.AddReminders();
        var services = builder.Services;
        services.Configure(configure);
        services.AddTransient<IConfigurationValidator>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SqliteReminderOptions>>().Value;
            return new RequiredSettingValidator("SQLite reminder table", options.SettingName ?? nameof(SqliteReminderOptions.DataSource), () => !string.IsNullOrWhiteSpace(options.DataSource));
        });
        services.AddSingleton<IReminderTable, SqliteReminderTable>();
        return builder;
    }

    /// <summary>
    /// Keeps the silo's cluster membership in a SQLite file, keyed by the cluster's <see cref="ClusterOptions.ClusterId"/>:
    /// for silos of one machine that share the file. Orleans initializes the table when the silo joins.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configure">Sets <see cref="SqliteClusteringOptions.DataSource"/>.</param>
    /// <returns>The builder.</returns>
    public static ISiloBuilder UseSqliteClustering(this ISiloBuilder builder, Action<SqliteClusteringOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddClusteringOptions(builder.Services, configure);
        builder.Services.AddSingleton<IMembershipTable, SqliteMembershipTable>();
        return builder;
    }

    /// <summary>Lets a cluster client find the gateways of the silos whose membership is in the SQLite file.</summary>
    /// <param name="builder">The client builder.</param>
    /// <param name="configure">Sets <see cref="SqliteClusteringOptions.DataSource"/>.</param>
    /// <returns>The builder.</returns>
    public static IClientBuilder UseSqliteClustering(this IClientBuilder builder, Action<SqliteClusteringOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddClusteringOptions(builder.Services, configure);
        builder.Services.AddSingleton<IGatewayListProvider, SqliteGatewayListProvider>();
        return builder;
    }

    private static void AddClusteringOptions(IServiceCollection services, Action<SqliteClusteringOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.Configure(configure);
        services.AddTransient<IConfigurationValidator>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SqliteClusteringOptions>>().Value;
            return new RequiredSettingValidator("SQLite clustering", options.SettingName ?? nameof(SqliteClusteringOptions.DataSource), () => !string.IsNullOrWhiteSpace(options.DataSource));
        });
    }
}
