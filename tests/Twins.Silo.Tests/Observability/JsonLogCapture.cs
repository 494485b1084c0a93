using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Twins.Silo.Tests.Observability;

/// <summary>
/// Writes every log entry through the host's own JSON console formatter (its options as the silo configured them)
/// with the host's scope provider (activity tracking included), and keeps the lines: what an operator collecting the
/// silo's JSON stdout would read, into <c>lines</c>.
/// </summary>
internal sealed class JsonLogCapture(ConsoleFormatter formatter, ConcurrentQueue<string> lines) : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = lines;
    private readonly ConsoleFormatter _formatter = formatter;
    private IExternalScopeProvider? _scopes;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(JsonLogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            using var line = new StringWriter();
            owner._formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), owner._scopes, line);
            owner._lines.Enqueue(line.ToString());
        }
    }
}
