using Microsoft.Extensions.Logging;

namespace Twins.Grains.WakeUp;

/// <summary>The default notifier: records the wake-up request in the log (no SMS gateway configured).</summary>
public sealed partial class LogWakeUpNotifier(ILogger<LogWakeUpNotifier> logger) : IWakeUpNotifier
{
    /// <inheritdoc />
    public Task RequestWakeUpAsync(string vehicle, string executionId, CancellationToken cancellationToken = default)
    {
        LogWakeUp(logger, vehicle, executionId);
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 7201, Level = LogLevel.Information, Message = "Wake-up requested for offline vehicle {Vehicle} (command execution {ExecutionId})")]
    private static partial void LogWakeUp(ILogger logger, string vehicle, string executionId);
}
