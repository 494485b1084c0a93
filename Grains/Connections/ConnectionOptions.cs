namespace Twins.Grains.Connections;

/// <summary>Settings of the keep-alive fallback for brokers without lifecycle events.</summary>
public sealed record ConnectionOptions
{
    /// <summary>The shared instance with the defaults.</summary>
    public static ConnectionOptions Default { get; } = new();

    /// <summary>The vehicles' MQTT keep-alive (60 s, the common firmware default).</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A vehicle silent for this many keep-alive periods is marked disconnected (MQTT's own 1.5).</summary>
    public double KeepAliveFactor { get; init; } = 1.5;

    /// <summary>How long silence is tolerated.</summary>
    public TimeSpan SilenceLimit => KeepAlive * KeepAliveFactor;
}
