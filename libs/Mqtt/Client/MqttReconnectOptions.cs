namespace Twins.Mqtt.Client;

/// <summary>
/// The reconnect state machine: exponential backoff with full jitter (delay = random(0, min(max,
/// min × 2^attempt))), reset after the connection has stayed up for <see cref="ResetAfter"/>.
/// Defaults are the AWS IoT device SDK's: 1 s, 120 s, 30 s.
/// </summary>
public sealed class MqttReconnectOptions
{
    /// <summary>Default <see cref="MinimumDelay"/>: 1 s.</summary>
    public static readonly TimeSpan DefaultMinimumDelay = TimeSpan.FromSeconds(1);

    /// <summary>Default <see cref="MaximumDelay"/>: 120 s.</summary>
    public static readonly TimeSpan DefaultMaximumDelay = TimeSpan.FromSeconds(120);

    /// <summary>Default <see cref="ResetAfter"/>: 30 s.</summary>
    public static readonly TimeSpan DefaultResetAfter = TimeSpan.FromSeconds(30);

    /// <summary>Reconnect automatically after any connection loss not asked for by <c>DisconnectAsync</c>.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Base of the exponential backoff.</summary>
    public TimeSpan MinimumDelay { get; init; } = DefaultMinimumDelay;

    /// <summary>Cap of the exponential backoff.</summary>
    public TimeSpan MaximumDelay { get; init; } = DefaultMaximumDelay;

    /// <summary>A connection that lasted this long resets the backoff to its first step.</summary>
    public TimeSpan ResetAfter { get; init; } = DefaultResetAfter;
}
