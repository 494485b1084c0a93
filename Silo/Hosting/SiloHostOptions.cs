namespace Twins.Silo.Hosting;

/// <summary>Settings of the silo process, bound from the configuration section <c>Twins</c>.</summary>
public sealed class SiloHostOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Twins";

    /// <summary>Default data folder: <c>.twins</c> under the working directory (the repository root for ./twins run).</summary>
    public const string DefaultDataDirectory = ".twins";

    /// <summary>Folder for local state: the SQLite store, broker config, certificates.</summary>
    public string DataDirectory { get; set; } = DefaultDataDirectory;

    /// <summary>What this process runs (<c>Twins:Role</c>): a silo (default) or only the gateway, as a cluster client.</summary>
    public SiloRole Role { get; set; } = SiloRole.Silo;
}
