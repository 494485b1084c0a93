namespace Twins.Providers.Sqlite;

/// <summary>
/// Options of the SQLite membership table and gateway list (<see cref="SqliteProviderExtensions.UseSqliteClustering(Orleans.Hosting.ISiloBuilder, Action{SqliteClusteringOptions})"/>):
/// for silos of one machine sharing one file.
/// </summary>
public sealed class SqliteClusteringOptions
{
    /// <summary>Path of the database file; the file and its folder are created if missing. Required.</summary>
    public string DataSource { get; set; } = "";

    /// <summary>The configuration key <see cref="DataSource"/> came from, named in start-up errors.</summary>
    public string? SettingName { get; set; }
}
