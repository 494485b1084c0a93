using Orleans.Storage;

namespace Twins.Providers.Sqlite;

/// <summary>Options of a SQLite grain storage (<see cref="SqliteProviderExtensions.AddSqliteGrainStorage"/>).</summary>
public sealed class SqliteStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>Path of the database file; the file and its folder are created if missing. Required.</summary>
    public string DataSource { get; set; } = "";

    /// <summary>
    /// Delete the row on <c>ClearStateAsync</c> instead of keeping a tombstone (a row without data whose ETag moves
    /// on). Default false: the tombstone also rejects a stale activation that never saw the record.
    /// </summary>
    public bool DeleteStateOnClear { get; set; }

    /// <summary>The configuration key <see cref="DataSource"/> came from, named in start-up errors (e.g. <c>Twins:Storage:Sqlite:DataSource</c>).</summary>
    public string? SettingName { get; set; }

    /// <summary>Serializes grain state; when left null, Orleans fills in the storage's keyed serializer or the silo's default.</summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;
}
