using System.Collections.Concurrent;

namespace Twins.Gateway;

/// <summary>What the gateway did with the messages it received, for metrics, tests and benchmarks.</summary>
public sealed class GatewayCounters
{
    private readonly ConcurrentDictionary<string, long> _rejected = new(StringComparer.Ordinal);
    private long _received;
    private long _handled;
    private long _duplicates;
    private long _failed;
    private long _retried;
    private long _published;
    private long _publishFailed;

    /// <summary>Messages taken from the broker.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Messages handled and acknowledged (including rejected and duplicate ones).</summary>
    public long Handled => Interlocked.Read(ref _handled);

    /// <summary>Redeliveries recognised (same clientToken, execution status or telemetry seq): nothing changed.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Messages given up after every attempt failed (acknowledged so they do not block the session).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Grain calls tried again after a failure (a failover shows here before anything is given up).</summary>
    public long Retried => Interlocked.Read(ref _retried);

    /// <summary>Messages published for the grains.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Publishes the broker refused or that could not be sent.</summary>
    public long PublishFailed => Interlocked.Read(ref _publishFailed);

    /// <summary>Bad input by reason (unknown topic, invalid telemetry, unknown execution, ...).</summary>
    public IReadOnlyDictionary<string, long> Rejected => _rejected;

    /// <summary>Total bad input.</summary>
    public long RejectedTotal => _rejected.Values.Sum();

    internal void OnReceived() => Interlocked.Increment(ref _received);

    internal void OnHandled() => Interlocked.Increment(ref _handled);

    internal void OnDuplicate() => Interlocked.Increment(ref _duplicates);

    internal void OnFailed() => Interlocked.Increment(ref _failed);

    internal void OnRetried() => Interlocked.Increment(ref _retried);

    internal void OnPublished() => Interlocked.Increment(ref _published);

    internal void OnPublishFailed() => Interlocked.Increment(ref _publishFailed);

    internal void OnRejected(string reason) => _rejected.AddOrUpdate(reason, 1, static (_, n) => n + 1);
}
