using Microsoft.Extensions.Options;

namespace Twins.Silo.Hosting;

/// <summary>Registration of the silo host's own services.</summary>
public static class SiloHostServiceCollectionExtensions
{
    /// <summary>Binds and validates <see cref="SiloHostOptions"/> and registers the system clock.</summary>
    public static IServiceCollection AddTwinsSiloHost(this IServiceCollection services)
    {
        services.AddOptions<SiloHostOptions>().BindConfiguration(SiloHostOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SiloHostOptions>, SiloHostOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
