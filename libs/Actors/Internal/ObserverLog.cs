using Microsoft.Extensions.Logging;

namespace Twins.Actors.Internal;

/// <summary>Log messages of <see cref="ObserverManager{TIdentity, TObserver}"/> (event ids 300-399).</summary>
internal static partial class ObserverLog
{
    [LoggerMessage(300, LogLevel.Debug, "Observer {Observer} expired (last renewed {LastSeen:O})")]
    public static partial void Expired(ILogger logger, string observer, DateTimeOffset lastSeen);

    [LoggerMessage(301, LogLevel.Information, "Observer {Observer} failed a notification and was removed")]
    public static partial void Failed(ILogger logger, string observer, Exception exception);
}
