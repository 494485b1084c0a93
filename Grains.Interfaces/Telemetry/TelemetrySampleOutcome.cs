namespace Twins.Grains.Telemetry;

/// <summary>What the telemetry tracker did with a sample.</summary>
[GenerateSerializer]
[Alias("Twins.TelemetrySampleOutcome")]
public enum TelemetrySampleOutcome
{
    /// <summary>Newer than anything seen: last values updated; send it to the sink.</summary>
    Accepted,

    /// <summary>Same <c>seq</c> as the last applied sample (a redelivery): dropped.</summary>
    Duplicate,

    /// <summary>Older <c>seq</c> than the last applied sample (a reorder): dropped.</summary>
    Stale,
}
