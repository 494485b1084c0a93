using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Twins.Actors.Hosting;
using Twins.Actors.Internal;
using Twins.Actors.Invocation;
using Twins.Actors.Membership.Internal;
using Twins.Actors.Placement;
using Twins.Actors.Runtime;
using Twins.Actors.Storage;
using Twins.Actors.Transport.Internal;

namespace Twins.Actors.Membership;

/// <summary>Turns a silo into a member of a cluster: membership table, placement over the view, TCP transport.</summary>
public static class ClusteringSiloBuilderExtensions
{
    /// <summary>
    /// Joins the cluster described by <paramref name="table"/>: options from <c>Twins:Cluster</c> (validated
    /// on start), then <paramref name="configure"/>. Grains are placed by rendezvous hashing over the active
    /// silos; calls to grains owned elsewhere go over TCP.
    /// </summary>
    public static ISiloBuilder UseClustering(this ISiloBuilder builder, Func<IServiceProvider, IMembershipTable> table, Action<ClusterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(table);
        var services = builder.Services;
        var options = services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.SectionName).ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.RemoveAll<IMembershipTable>();
        services.AddSingleton(table);
        if (services.Any(d => d.ServiceType == typeof(MembershipAgent)))
        {
            return builder;
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterOptions>, ClusterOptionsValidator>());
        services.AddSingleton(sp => new MembershipAgent(sp.GetRequiredService<IMembershipTable>(), sp.GetRequiredService<IOptions<ClusterOptions>>().Value, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<MembershipAgent>>()));
        services.AddSingleton<IClusterMembership>(sp => sp.GetRequiredService<MembershipAgent>());
        services.AddSingleton(sp =>
        {
            var silo = sp.GetRequiredService<IOptions<SiloOptions>>().Value;
            return new ClusterTransport(
                sp.GetRequiredService<MembershipAgent>(), sp.GetRequiredService<ILocalGrainCatalog>(), sp.GetRequiredService<GrainCodec>(),
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ClusterTransport>>(), silo.CallTimeout,
                sp.GetRequiredService<IOptions<ClusterOptions>>().Value.MaxForwardCount, silo.SiloName);
        });
        services.RemoveAll<IGrainLocator>();
        services.AddSingleton<IGrainLocator, ClusterGrainLocator>();
        services.AddSingleton<IGrainOwnership, ClusterGrainOwnership>();
        services.AddHostedService<ClusterSiloService>();
        return builder;
    }

    /// <summary>Joins a cluster whose membership lives in <paramref name="table"/> in this process (tests: silos of one process share it).</summary>
    public static ISiloBuilder UseInMemoryClustering(this ISiloBuilder builder, MemoryMembershipTable table, Action<ClusterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        return builder.UseClustering(_ => table, configure);
    }

    /// <summary>Joins a cluster whose membership lives in a SQLite file (silos of one machine sharing the file).</summary>
    public static ISiloBuilder UseSqliteClustering(this ISiloBuilder builder, Action<SqliteStorageOptions> configureStorage, Action<ClusterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configureStorage);
        var storage = new SqliteStorageOptions();
        configureStorage(storage);
        return builder.UseClustering(sp => new SqliteMembershipTable(storage, sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId), configure);
    }
}
