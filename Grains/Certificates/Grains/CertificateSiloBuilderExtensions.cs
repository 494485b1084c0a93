using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Serialization;
using Twins.Grains.Interfaces.Certificates;

namespace Twins.Grains.Certificates.Grains;

/// <summary>Registers the certificate grains (certificates, provisioning, allow-list, CRL).</summary>
public static class CertificateSiloBuilderExtensions
{
    /// <summary>Adds the certificate grains; the CA's files live in <paramref name="dataDirectory"/>/<see cref="CertificateGrainOptions.DataDirectory"/>.</summary>
    /// <param name="silo">The silo.</param>
    /// <param name="dataDirectory">The silo's data directory (absolute).</param>
    public static ISiloBuilder AddCertificateGrains(this ISiloBuilder silo, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        var services = silo.Services;
        services.Configure<SystemTextJsonGrainStorageSerializerOptions>(o => o.JsonSerializerOptions.TypeInfoResolverChain.Insert(0, CertificateStateJsonContext.Default));
        services.AddOptions<CertificateGrainOptions>().BindConfiguration(CertificateGrainOptions.SectionName);
        services.TryAddSingleton(sp =>
        {
            var configured = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<CertificateGrainOptions>>().Value.DataDirectory;
            return new CertificateDataDirectory(Path.GetFullPath(Path.Combine(dataDirectory, configured)));
        });
        services.TryAddSingleton<IBrokerSessionTakeover, UnavailableBrokerSessionTakeover>();
        services.TryAddSingleton<CertificateServices>();
        services.AddHostedService<CertificateAuthorityStartup>();
        return silo;
    }
}
