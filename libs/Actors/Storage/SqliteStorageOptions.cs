namespace Twins.Actors.Storage;

/// <summary>Where the SQLite store keeps its file.</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>Path of the database file (created with its folder if missing). Holds state and reminders.</summary>
    public string DataSource { get; set; } = "twins.db";
}
