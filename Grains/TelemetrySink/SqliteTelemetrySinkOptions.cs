namespace Twins.Grains.TelemetrySink;

/// <summary>Settings of the embedded SQLite telemetry sink.</summary>
public sealed class SqliteTelemetrySinkOptions
{
    /// <summary>Default <see cref="MaxBatchSize"/>: samples per transaction.</summary>
    public const int DefaultMaxBatchSize = 2000;

    /// <summary>Path of the database file (created with its folder if missing).</summary>
    public string DataSource { get; set; } = "telemetry.db";

    /// <summary>Most samples written in one transaction; writes waiting while one commits form the next batch.</summary>
    public int MaxBatchSize { get; set; } = DefaultMaxBatchSize;
}
