using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Twins.Silo.Hosting;

/// <summary>
/// Reads <see cref="SiloHostOptions.Role"/> and <see cref="ClusterHostingOptions"/> from configuration and stops
/// start-up, before anything is built, with one message per wrong setting naming the key.
/// </summary>
internal static partial class ClusterHostingValidation
{
    public static (SiloRole Role, ClusterHostingOptions Cluster) Read(IConfiguration configuration, string certificateDirectory)
    {
        var failures = new List<string>();
        var role = ReadEnum(configuration, $"{SiloHostOptions.SectionName}:{nameof(SiloHostOptions.Role)}", SiloRole.Silo, failures);
        var section = configuration.GetSection(ClusterHostingOptions.SectionName);
        var cluster = new ClusterHostingOptions
        {
            Provider = ReadEnum(configuration, $"{ClusterHostingOptions.SectionName}:{nameof(ClusterHostingOptions.Provider)}", ClusterProvider.Local, failures),
            SqliteDatabase = section[nameof(ClusterHostingOptions.SqliteDatabase)],
            CertificateAuthoritySource = section[nameof(ClusterHostingOptions.CertificateAuthoritySource)],
        };
        section.GetSection(nameof(ClusterHostingOptions.DynamoDb)).Bind(cluster.DynamoDb);
        cluster.ServiceId = section[nameof(ClusterHostingOptions.ServiceId)] is { Length: > 0 } serviceId ? serviceId : ClusterHostingOptions.DefaultServiceId;
        cluster.AdvertisedHost = section[nameof(ClusterHostingOptions.AdvertisedHost)] is { Length: > 0 } advertised ? advertised : cluster.AdvertisedHost;
        cluster.SiloPort = ReadValue(section, nameof(ClusterHostingOptions.SiloPort), 0, failures);
        cluster.GatewayPort = ReadValue(section, nameof(ClusterHostingOptions.GatewayPort), 0, failures);
        cluster.CertificateAuthorityOwner = ReadValue(section, nameof(ClusterHostingOptions.CertificateAuthorityOwner), false, failures);
        cluster.CertificateAuthorityWait = ReadValue(section, nameof(ClusterHostingOptions.CertificateAuthorityWait), ClusterHostingOptions.DefaultCertificateAuthorityWait, failures);
        Validate(role, cluster, configuration, certificateDirectory, failures);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(ClusterHostingOptions.SectionName, typeof(ClusterHostingOptions), failures);
        }

        return (role, cluster);
    }

    private static void Validate(SiloRole role, ClusterHostingOptions cluster, IConfiguration configuration, string certificateDirectory, List<string> failures)
    {
        const string Section = ClusterHostingOptions.SectionName;
        if (!cluster.IsClustered)
        {
            if (role == SiloRole.Gateway)
            {
                failures.Add($"Twins:Role=Gateway runs the gateway as a client of a cluster: set {Section}:Provider to Sqlite or DynamoDb (the silos' provider).");
            }

            return;
        }

        switch (cluster.Provider)
        {
            case ClusterProvider.Sqlite when string.IsNullOrWhiteSpace(cluster.SqliteDatabase):
                failures.Add($"{Section}:Provider=Sqlite needs {Section}:SqliteDatabase, the SQLite file every silo of this machine shares.");
                break;
            case ClusterProvider.DynamoDb:
                var dynamo = cluster.DynamoDb;
                if (!string.IsNullOrWhiteSpace(dynamo.ServiceUrl)
                    && (!Uri.TryCreate(dynamo.ServiceUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")))
                {
                    failures.Add($"{Section}:DynamoDb:ServiceUrl must be an absolute http(s) URL such as http://127.0.0.1:8000 (got '{dynamo.ServiceUrl}').");
                }

                if (string.IsNullOrWhiteSpace(dynamo.Region))
                {
                    failures.Add($"{Section}:DynamoDb:Region must name an AWS region such as eu-central-1.");
                }

                if (!TablePrefix().IsMatch(dynamo.TablePrefix ?? ""))
                {
                    failures.Add($"{Section}:DynamoDb:TablePrefix must be 1-200 letters, digits, '_', '-' or '.' (got '{dynamo.TablePrefix}').");
                }

                if (!string.IsNullOrEmpty(dynamo.AccessKeyId) && string.IsNullOrEmpty(dynamo.SecretAccessKey))
                {
                    failures.Add($"{Section}:DynamoDb:AccessKeyId is set without {Section}:DynamoDb:SecretAccessKey.");
                }

                break;
        }

        var siloName = configuration[$"{SiloOptions.SectionName}:{nameof(SiloOptions.SiloName)}"];
        if (role == SiloRole.Silo && string.IsNullOrWhiteSpace(siloName))
        {
            failures.Add($"A clustered silo needs a name unique in its cluster: set {SiloOptions.SectionName}:SiloName (for example the pod or host name).");
        }

        var advertised = configuration[$"{Section}:AdvertisedHost"];
        if (role == SiloRole.Silo && advertised is "0.0.0.0" or "::" or "*" or "+")
        {
            failures.Add($"{Section}:AdvertisedHost is the address other silos and gateways connect to, not a wildcard (got '{advertised}'): use the host's or pod's address.");
        }

        foreach (var (key, port) in new[] { (nameof(ClusterHostingOptions.SiloPort), cluster.SiloPort), (nameof(ClusterHostingOptions.GatewayPort), cluster.GatewayPort) })
        {
            if (port is < 0 or > 65535)
            {
                failures.Add($"{Section}:{key} must be a TCP port from 1 to 65535, or 0 for the default (got {port}).");
            }
        }

        if (cluster.CertificateAuthorityWait <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:CertificateAuthorityWait must be positive (got {cluster.CertificateAuthorityWait}).");
        }

        if (role != SiloRole.Silo)
        {
            return;
        }

        if (cluster.CertificateAuthorityOwner && !string.IsNullOrWhiteSpace(cluster.CertificateAuthoritySource))
        {
            failures.Add($"{Section}:CertificateAuthorityOwner and {Section}:CertificateAuthoritySource exclude each other: the owner creates the CA, the other silos copy it.");
        }
        else if (!cluster.CertificateAuthorityOwner && string.IsNullOrWhiteSpace(cluster.CertificateAuthoritySource)
            && !CertificateAuthoritySeeding.HasAuthority(certificateDirectory))
        {
            failures.Add($"A clustered silo must share one fleet CA: set {Section}:CertificateAuthorityOwner=true on exactly one silo and "
                + $"{Section}:CertificateAuthoritySource (a folder with the owner's root.crt.pem, issuing.crt.pem, issuing.key.pem and ownership-token.key) "
                + $"on every other, or put those files into {certificateDirectory} beforehand.");
        }
    }

    private static TEnum ReadEnum<TEnum>(IConfiguration configuration, string key, TEnum fallback, List<string> failures) where TEnum : struct, Enum
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (Enum.TryParse<TEnum>(text.Trim(), ignoreCase: true, out var value) && Enum.IsDefined(value) && !char.IsAsciiDigit(text.Trim()[0]))
        {
            return value;
        }

        failures.Add($"{key} must be one of {string.Join(", ", Enum.GetNames<TEnum>())} (got '{text}').");
        return fallback;
    }

    private static T ReadValue<T>(IConfiguration section, string key, T fallback, List<string> failures)
    {
        try
        {
            return section.GetValue(key, fallback)!;
        }
        catch (InvalidOperationException)
        {
            failures.Add($"{ClusterHostingOptions.SectionName}:{key} has a value that is not a {typeof(T).Name} (got '{section[key]}').");
            return fallback;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,200}$")]
    private static partial Regex TablePrefix();
}
