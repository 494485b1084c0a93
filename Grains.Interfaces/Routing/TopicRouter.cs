namespace Twins.Grains.Routing;

/// <summary>
/// Maps an inbound MQTT topic of the vehicle contract to a typed <see cref="TopicRoute"/>. Reply
/// topics (<c>/accepted</c>, <c>/rejected</c>, ...), topics with invalid names and anything else are
/// rejected, so the gateway answers only what the contract defines.
/// </summary>
public sealed class TopicRouter
{
    private readonly string _awsPrefix;
    private readonly string _twinsPrefix;

    /// <summary>Creates a router for the given prefixes (the defaults unless told otherwise).</summary>
    public TopicRouter(TopicOptions? options = null)
    {
        options ??= TopicOptions.Default;
        options.Validate();
        _awsPrefix = options.AwsPrefix + "/";
        _twinsPrefix = options.TwinsPrefix + "/";
    }

    /// <summary>Parses <paramref name="topic"/>; returns <c>false</c> for any topic outside the inbound contract.</summary>
    public bool TryParse(string topic, out TopicRoute? route)
    {
        ArgumentNullException.ThrowIfNull(topic);
        route = null;
        if (topic.StartsWith(_awsPrefix, StringComparison.Ordinal))
        {
            route = ParseAws(topic.AsSpan(_awsPrefix.Length));
        }
        else if (topic.StartsWith(_twinsPrefix, StringComparison.Ordinal))
        {
            route = ParseTwins(topic.AsSpan(_twinsPrefix.Length));
        }

        return route is not null;
    }

    /// <summary>Parses <paramref name="topic"/> or returns <c>null</c>.</summary>
    public TopicRoute? Parse(string topic) => TryParse(topic, out var route) ? route : null;

    private static TopicRoute? ParseAws(ReadOnlySpan<char> rest)
    {
        Span<Range> levels = stackalloc Range[9];
        var count = rest.Split(levels, '/');
        if (count is 0 or > 8)
        {
            return null;
        }

        var level = new Levels(rest, levels[..count]);
        return level[0] switch
        {
            "things" => ParseShadow(level),
            "events" when count == 4 && level[1] is "presence" && TopicNames.IsValidClientId(level[3]) => level[2] switch
            {
                "connected" => new PresenceRoute(level[3].ToString(), PresenceEventType.Connected),
                "disconnected" => new PresenceRoute(level[3].ToString(), PresenceEventType.Disconnected),
                _ => null,
            },
            "commands" when count == 7 && level[1] is "things" && level[3] is "executions" && level[5] is "response" && level[6] is "json"
                && TopicNames.IsValidThingName(level[2]) && TopicNames.IsValidExecutionId(level[4]) =>
                new CommandResponseRoute(level[2].ToString(), level[4].ToString()),
            "certificates" when count == 3 && level[1] is "create-from-csr" && level[2] is "json" => new CreateFromCsrRoute(),
            "provisioning-templates" when count == 4 && level[2] is "provision" && level[3] is "json" && TopicNames.IsValidTemplateName(level[1]) =>
                new ProvisionRoute(level[1].ToString()),
            _ => null,
        };
    }

    private static ShadowRoute? ParseShadow(Levels level)
    {
        // things/{thing}/shadow/{op}  or  things/{thing}/shadow/name/{shadow}/{op}
        if (level.Count is not (4 or 6) || level[2] is not "shadow" || !TopicNames.IsValidThingName(level[1]))
        {
            return null;
        }

        string? shadowName = null;
        if (level.Count == 6)
        {
            if (level[3] is not "name" || !TopicNames.IsValidShadowName(level[4]))
            {
                return null;
            }

            shadowName = level[4].ToString();
        }

        ShadowOperation? operation = level[level.Count - 1] switch
        {
            "update" => ShadowOperation.Update,
            "get" => ShadowOperation.Get,
            "delete" => ShadowOperation.Delete,
            _ => null,
        };
        return operation is { } op ? new ShadowRoute(level[1].ToString(), shadowName, op) : null;
    }

    private static TelemetryRoute? ParseTwins(ReadOnlySpan<char> rest)
    {
        Span<Range> levels = stackalloc Range[4];
        var count = rest.Split(levels, '/');
        var level = new Levels(rest, levels[..count]);
        return count == 3 && level[0] is "vehicles" && level[2] is "telemetry" && TopicNames.IsValidThingName(level[1])
            ? new TelemetryRoute(level[1].ToString())
            : null;
    }

    private readonly ref struct Levels(ReadOnlySpan<char> topic, ReadOnlySpan<Range> ranges)
    {
        private readonly ReadOnlySpan<char> _topic = topic;
        private readonly ReadOnlySpan<Range> _ranges = ranges;

        public int Count => _ranges.Length;

        public ReadOnlySpan<char> this[int index] => _topic[_ranges[index]];
    }
}
