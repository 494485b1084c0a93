namespace Twins.Providers.Sqlite;

/// <summary>Options of the SQLite reminder table (<see cref="SqliteProviderExtensions.UseSqliteReminderService"/>).</summary>
public sealed class SqliteReminderOptions
{
    /// <summary>Path of the database file; the file and its folder are created if missing. Required.</summary>
    public string DataSource { get; set; } = "";

    /// <summary>The configuration key <see cref="DataSource"/> came from, named in start-up errors.</summary>
    public string? SettingName { get; set; }
}
