using Microsoft.Extensions.Logging;

namespace Twins.GraphQL.Execution;

/// <summary>Log events of the executor.</summary>
public sealed partial class RequestExecutor
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "A resolver failed unexpectedly")]
        public static partial void ResolverFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "An operation exceeded the execution timeout of {Timeout}")]
        public static partial void ExecutionTimedOut(ILogger logger, TimeSpan timeout);
    }
}
