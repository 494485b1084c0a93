namespace Twins.Simulator;

/// <summary>Live counts of a simulated fleet, updated with interlocked operations by every vehicle.</summary>
internal sealed class FleetCounters
{
    private long _online;
    private long _provisioned;
    private long _connects;
    private long _connectFailures;
    private long _disconnects;
    private long _telemetry;
    private long _telemetrySkipped;
    private long _deltas;
    private long _commands;
    private long _commandsSucceeded;
    private long _commandsFailed;
    private long _commandsUnanswered;
    private long _commandsRejected;
    private long _rotations;
    private long _revoked;
    private long _critical;
    private long _errors;
    private string? _lastError;

    public long Online => Interlocked.Read(ref _online);

    public long Provisioned => Interlocked.Read(ref _provisioned);

    public long Connects => Interlocked.Read(ref _connects);

    public long ConnectFailures => Interlocked.Read(ref _connectFailures);

    public long Disconnects => Interlocked.Read(ref _disconnects);

    public long TelemetrySent => Interlocked.Read(ref _telemetry);

    public long TelemetrySkipped => Interlocked.Read(ref _telemetrySkipped);

    public long DeltasApplied => Interlocked.Read(ref _deltas);

    public long CommandsReceived => Interlocked.Read(ref _commands);

    public long CommandsSucceeded => Interlocked.Read(ref _commandsSucceeded);

    public long CommandsFailed => Interlocked.Read(ref _commandsFailed);

    public long CommandsUnanswered => Interlocked.Read(ref _commandsUnanswered);

    public long CommandsRejected => Interlocked.Read(ref _commandsRejected);

    public long CertificatesRotated => Interlocked.Read(ref _rotations);

    /// <summary>Vehicles that stopped connecting because their certificate was revoked (the <c>disconnect</c> command).</summary>
    public long CertificatesRevoked => Interlocked.Read(ref _revoked);

    public long CriticalMessages => Interlocked.Read(ref _critical);

    public long Errors => Interlocked.Read(ref _errors);

    public string? LastError => Volatile.Read(ref _lastError);

    public void Connected()
    {
        Interlocked.Increment(ref _online);
        Interlocked.Increment(ref _connects);
    }

    public void Disconnected()
    {
        Interlocked.Decrement(ref _online);
        Interlocked.Increment(ref _disconnects);
    }

    public void ConnectFailed(string reason)
    {
        Interlocked.Increment(ref _connectFailures);
        Volatile.Write(ref _lastError, reason);
    }

    public void ProvisionedOne() => Interlocked.Increment(ref _provisioned);

    public void TelemetryPublished() => Interlocked.Increment(ref _telemetry);

    /// <summary>Samples a vehicle skipped after falling more than a few periods behind (a stalled process).</summary>
    public void SkippedTelemetry(long samples) => Interlocked.Add(ref _telemetrySkipped, samples);

    public void DeltaApplied() => Interlocked.Increment(ref _deltas);

    public void CommandReceived() => Interlocked.Increment(ref _commands);

    public void CommandSucceeded() => Interlocked.Increment(ref _commandsSucceeded);

    public void CommandFailed() => Interlocked.Increment(ref _commandsFailed);

    public void CommandUnanswered() => Interlocked.Increment(ref _commandsUnanswered);

    public void CommandRejected() => Interlocked.Increment(ref _commandsRejected);

    public void CertificateRotated() => Interlocked.Increment(ref _rotations);

    /// <summary>A vehicle whose certificate was revoked stopped connecting with it: counted and shown as the last problem.</summary>
    public void CertificateRevoked(string message)
    {
        Interlocked.Increment(ref _revoked);
        Volatile.Write(ref _lastError, message);
    }

    public void CriticalMessage() => Interlocked.Increment(ref _critical);

    public void Error(string message)
    {
        Interlocked.Increment(ref _errors);
        Volatile.Write(ref _lastError, message);
    }
}
