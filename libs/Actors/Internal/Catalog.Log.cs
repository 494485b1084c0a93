using Microsoft.Extensions.Logging;

namespace Twins.Actors.Internal;

/// <summary>Log messages of the catalog and its activations (event ids 100-199).</summary>
internal sealed partial class Catalog
{
    [LoggerMessage(100, LogLevel.Warning, "Activation of {GrainId} failed")]
    private partial void LogActivationFailedCore(GrainId grainId, Exception exception);

    [LoggerMessage(101, LogLevel.Debug, "Deactivated {GrainId}: {Reason}")]
    private partial void LogDeactivatedCore(GrainId grainId, DeactivationReason reason);

    [LoggerMessage(102, LogLevel.Warning, "OnDeactivateAsync of {GrainId} failed; the activation is removed anyway")]
    private partial void LogDeactivationFailedCore(GrainId grainId, Exception exception);

    [LoggerMessage(103, LogLevel.Warning, "A stale ETag escaped a call to {GrainId}; deactivating it")]
    private partial void LogInconsistentStateCore(GrainId grainId, Exception exception);

    [LoggerMessage(104, LogLevel.Warning, "Call {Method} on {GrainId} timed out after {Timeout}")]
    private partial void LogCallTimedOutCore(GrainId grainId, string method, TimeSpan timeout);

    [LoggerMessage(105, LogLevel.Debug, "Collected {Count} idle activations")]
    private partial void LogCollected(int count);

    [LoggerMessage(106, LogLevel.Information, "Deactivating {Count} least recently used activations to stay within {Max}")]
    private partial void LogTrimmed(int count, int max);

    [LoggerMessage(107, LogLevel.Warning, "{Count} activations did not deactivate within {Timeout} at shutdown")]
    private partial void LogShutdownTimedOut(int count, TimeSpan timeout);

    [LoggerMessage(108, LogLevel.Warning, "Timer tick of {GrainId} failed")]
    private partial void LogTimerFailedCore(GrainId grainId, Exception exception);

    public void LogActivationFailed(GrainId grainId, Exception exception) => LogActivationFailedCore(grainId, exception);

    public void LogDeactivated(GrainId grainId, DeactivationReason reason) => LogDeactivatedCore(grainId, reason);

    public void LogDeactivationFailed(GrainId grainId, Exception exception) => LogDeactivationFailedCore(grainId, exception);

    public void LogInconsistentState(GrainId grainId, Exception exception) => LogInconsistentStateCore(grainId, exception);

    public void LogCallTimedOut(GrainId grainId, string method, TimeSpan timeout) => LogCallTimedOutCore(grainId, method, timeout);

    public void LogTimerFailed(GrainId grainId, Exception exception) => LogTimerFailedCore(grainId, exception);
}
