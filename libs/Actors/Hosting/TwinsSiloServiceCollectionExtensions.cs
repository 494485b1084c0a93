using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Twins.Actors;
using Twins.Actors.Hosting;
using Twins.Actors.Internal;
using Twins.Actors.Invocation;
using Twins.Actors.Reminders;
using Twins.Actors.Runtime;
using Twins.Actors.Storage;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Hosts a Twins silo in a generic host or WebApplication.</summary>
public static class TwinsSiloServiceCollectionExtensions
{
    /// <summary>
    /// Adds a silo: options bound from <c>Twins:Silo</c> and validated on start, the grain factory
    /// (<see cref="IGrainFactory"/>), the runtime and its hosted service. In-memory reminders are used
    /// unless a reminder table is added.
    /// </summary>
    public static ISiloBuilder AddTwinsSilo(this IServiceCollection services, Action<SiloOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = new SiloBuilder(services);
        var options = services.AddOptions<SiloOptions>().BindConfiguration(SiloOptions.SectionName).ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (services.Any(d => d.ServiceType == typeof(Catalog)))
        {
            return builder;
        }

        services.AddMetrics();
        services.AddOptions<GrainSerializationOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SiloOptions>, SiloOptionsValidator>());
        services.AddSingleton(sp => new ActorsMetrics(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), () => sp.GetRequiredService<Catalog>().ActivationCount));
        services.AddSingleton<GrainJsonOptions>();
        services.TryAddSingleton<IGrainStateSerializer>(sp => new JsonGrainStateSerializer(sp.GetRequiredService<GrainJsonOptions>().Options));
        services.AddSingleton<Catalog>();
        services.AddSingleton<ILocalGrainCatalog>(sp => sp.GetRequiredService<Catalog>());
        services.TryAddSingleton<IGrainLocator, LocalGrainLocator>();
        services.AddSingleton<GrainRuntime>();
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainRuntime>());
        services.AddSingleton<IGrainCallDispatcher>(sp => sp.GetRequiredService<GrainRuntime>());
        services.AddSingleton(sp => new GrainCodec(sp.GetRequiredService<GrainJsonOptions>().Options, sp.GetRequiredService<IGrainFactory>()));
        services.TryAddSingleton<IReminderTable, MemoryReminderTable>();
        services.AddSingleton<ReminderService>();
        services.AddHostedService<SiloHostedService>();
        return builder;
    }
}
