using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Twins.Actors.Hosting;
using Twins.Actors.Internal;
using Twins.Actors.Invocation;
using Twins.Actors.Membership;
using Twins.Actors.Membership.Internal;
using Twins.Actors.Placement;
using Twins.Actors.Runtime;
using Twins.Actors.Storage.DynamoDb;
using Twins.Actors.Transport.Internal;

namespace Twins.Actors.Client;

/// <summary>
/// Hosts a cluster client: a process that is not a silo (the MQTT gateway) reads the membership table,
/// connects to silos and sends each call straight to its grain's owner. Resolve <see cref="IGrainFactory"/>.
/// A client links to every active silo and can host observers
/// (<see cref="IGrainFactory.CreateObjectReference{TGrainObserverInterface}(IGrainObserver)"/>): grains on any
/// silo call them back over those links.
/// </summary>
public static class TwinsClientServiceCollectionExtensions
{
    /// <summary>Adds a client of the cluster whose membership is in <paramref name="table"/> (options from <c>Twins:Cluster</c>).</summary>
    public static IClientBuilder AddTwinsClient(this IServiceCollection services, Func<IServiceProvider, IMembershipTable> table, Action<ClusterOptions>? configure = null, Action<SiloOptions>? configureCalls = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(table);
        // The client shares the runtime's proxies, codec, filters and timeouts, but hosts no grains.
        services.AddTwinsSilo(o =>
        {
            o.SiloName = $"client-{Guid.NewGuid():N}";
            configureCalls?.Invoke(o);
        });
        foreach (var silo in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(SiloHostedService)).ToList())
        {
            services.Remove(silo);
        }

        var options = services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.SectionName).ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterOptions>, ClusterOptionsValidator>());
        services.AddSingleton(table);
        services.AddSingleton(sp => new MembershipAgent(sp.GetRequiredService<IMembershipTable>(), sp.GetRequiredService<IOptions<ClusterOptions>>().Value, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<MembershipAgent>>()));
        services.AddSingleton<IClusterMembership>(sp => sp.GetRequiredService<MembershipAgent>());
        services.AddSingleton(sp =>
        {
            var calls = sp.GetRequiredService<IOptions<SiloOptions>>().Value;
            // The client's catalog holds only the observers it creates; silos call them back over the
            // connections the client opened.
            return new ClusterTransport(
                sp.GetRequiredService<MembershipAgent>(), sp.GetRequiredService<ILocalGrainCatalog>(), sp.GetRequiredService<GrainCodec>(), sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<ClusterTransport>>(), calls.CallTimeout, sp.GetRequiredService<IOptions<ClusterOptions>>().Value.MaxForwardCount, calls.SiloName, isClient: true);
        });
        services.RemoveAll<IGrainLocator>();
        services.AddSingleton<IGrainLocator, ClusterGrainLocator>();
        services.AddHostedService<ClusterClientService>();
        return new ClientBuilder(services);
    }

    /// <summary>A client of the cluster whose membership is in DynamoDB.</summary>
    public static IClientBuilder AddTwinsDynamoDbClient(this IServiceCollection services, Action<DynamoDbOptions> configureTable, Action<ClusterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configureTable);
        var tableOptions = new DynamoDbOptions { TableName = "TwinsMembership" };
        configureTable(tableOptions);
        return services.AddTwinsClient(sp => new DynamoDbMembershipTable(sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId, tableOptions), configure);
    }

    /// <summary>Registers a source-generated JSON context for call arguments and results.</summary>
    public static IClientBuilder AddJsonSerializerContext(this IClientBuilder builder, IJsonTypeInfoResolver context)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(context);
        builder.Services.Configure<GrainSerializationOptions>(o => o.TypeInfoResolvers.Add(context));
        return builder;
    }
}
