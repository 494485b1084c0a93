using System.Collections.Concurrent;

namespace Twins.Gateway.Internal;

/// <summary>Lets one log line per reason through per interval and counts the ones held back, so bad input cannot flood the log.</summary>
internal sealed class RateLimitedLog(TimeProvider time, TimeSpan interval)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <summary>True when a line for <paramref name="reason"/> may be written now; <paramref name="suppressed"/> is how many were held back since the last one.</summary>
    public bool ShouldLog(string reason, out long suppressed)
    {
        var now = time.GetUtcNow();
        var window = _windows.GetOrAdd(reason, static _ => new Window());
        lock (window)
        {
            if (window.Next is { } next && now < next)
            {
                window.Suppressed++;
                suppressed = 0;
                return false;
            }

            suppressed = window.Suppressed;
            window.Suppressed = 0;
            window.Next = now + interval;
            return true;
        }
    }

    private sealed class Window
    {
        public DateTimeOffset? Next { get; set; }

        public long Suppressed { get; set; }
    }
}
