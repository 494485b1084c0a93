namespace Twins.Mqtt.Internal;

/// <summary>Topic name / filter rules (§4.7).</summary>
internal static class MqttTopic
{
    /// <summary>Strips <c>$share/{group}/</c> from a shared subscription filter.</summary>
    public static string StripShare(string filter)
    {
        if (!filter.StartsWith("$share/", StringComparison.Ordinal))
        {
            return filter;
        }

        var slash = filter.IndexOf('/', 7);
        return slash < 0 ? filter : filter[(slash + 1)..];
    }

    public static bool IsValidTopicName(string topic) => topic.Length > 0 && topic.AsSpan().IndexOfAny('+', '#') < 0;

    public static bool IsValidFilter(string filter)
    {
        if (filter.StartsWith("$share/", StringComparison.Ordinal))
        {
            var slash = filter.IndexOf('/', 7);
            if (slash <= 7 || slash == filter.Length - 1 || filter.AsSpan(7, slash - 7).IndexOfAny('+', '#') >= 0)
            {
                return false;
            }

            filter = filter[(slash + 1)..];
        }

        if (filter.Length == 0)
        {
            return false;
        }

        var levels = filter.Split('/');
        for (var i = 0; i < levels.Length; i++)
        {
            var level = levels[i];
            if (level.Contains('#', StringComparison.Ordinal) && (level != "#" || i != levels.Length - 1))
            {
                return false;
            }

            if (level.Contains('+', StringComparison.Ordinal) && level != "+")
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="topic"/> matches <paramref name="filter"/> (a filter without $share).</summary>
    public static bool Matches(string filter, string topic)
    {
        if (topic.StartsWith('$') && (filter.StartsWith('+') || filter.StartsWith('#')))
        {
            return false;
        }

        var f = filter.AsSpan();
        var t = topic.AsSpan();
        while (true)
        {
            var fs = f.IndexOf('/');
            var fl = fs < 0 ? f : f[..fs];
            if (fl is "#")
            {
                return true;
            }

            var ts = t.IndexOf('/');
            var tl = ts < 0 ? t : t[..ts];
            if (!(fl is "+") && !fl.SequenceEqual(tl))
            {
                return false;
            }

            if (fs < 0 || ts < 0)
            {
                // "a/#" also matches "a".
                return fs < 0 && ts < 0 || ts < 0 && f[(fs + 1)..] is "#";
            }

            f = f[(fs + 1)..];
            t = t[(ts + 1)..];
        }
    }
}
