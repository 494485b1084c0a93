namespace Twins.Grains.TelemetrySink;

/// <summary>Settings of the embedded SQLite telemetry sink.</summary>
public sealed class SqliteTelemetrySinkOptions
{
    /// <summary>Default <see cref="MaxBatchSize"/>: samples per transaction.</summary>
    public const int DefaultMaxBatchSize = 2000;

    /// <summary>Default <see cref="Shards"/>.</summary>
    public const int DefaultShards = 2;

    /// <summary>Default <see cref="MergeThreshold"/>.</summary>
    public const int DefaultMergeThreshold = 16_384;

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

    /// <summary>
    /// Samples a shard keeps in its append-only table of recent samples (durable, and also held in memory for reads)
    /// before it moves them, sorted by vehicle, into the table indexed by vehicle in one transaction. Each commit
    /// then appends at the end of one B-tree instead of rewriting a leaf page per vehicle in two, and each vehicle's
    /// pages are rewritten once per merge for all its samples since the last one. Larger: fewer page writes per
    /// sample, more memory and a longer pause of the shard's writes while it merges.
    /// </summary>
    public int MergeThreshold { get; set; } = DefaultMergeThreshold;
}
