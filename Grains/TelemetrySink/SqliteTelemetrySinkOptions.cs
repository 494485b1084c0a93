namespace Twins.Grains.TelemetrySink;

/// <summary>Settings of the embedded SQLite telemetry sink.</summary>
public sealed class SqliteTelemetrySinkOptions
{
    /// <summary>Default <see cref="MaxBatchSize"/>: samples per transaction.</summary>
    public const int DefaultMaxBatchSize = 2000;

    /// <summary>Default <see cref="Shards"/>.</summary>
    public const int DefaultShards = 2;

    /// <summary>Path of the database file (created with its folder if missing).</summary>
    public string DataSource { get; set; } = "telemetry.db";

    /// <summary>Most samples written in one transaction; writes waiting while one commits form the next batch.</summary>
    public int MaxBatchSize { get; set; } = DefaultMaxBatchSize;

    /// <summary>
    /// Database files the samples are spread over by vehicle, each with its own writer, so commits run in parallel
    /// (one SQLite file has one writer at a time). With more than one, the files are
    /// <c>{name}.{i}-of-{Shards}{extension}</c> beside <see cref="DataSource"/>. Changing it starts a new set of files:
    /// samples in the old set are no longer read (the vehicles' checkpointed last values remain).
    /// </summary>
    public int Shards { get; set; } = DefaultShards;
}
