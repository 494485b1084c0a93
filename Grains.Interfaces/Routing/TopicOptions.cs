namespace Twins.Grains.Routing;

/// <summary>Topic prefixes of the vehicle contract; <c>$aws</c> is configurable for brokers where it is reserved.</summary>
public sealed record TopicOptions
{
    /// <summary>AWS IoT's reserved prefix, used by default so AWS firmware works unchanged.</summary>
    public const string DefaultAwsPrefix = "$aws";

    /// <summary>The prefix of Twins' own topics (telemetry, critical messages).</summary>
    public const string DefaultTwinsPrefix = "twins";

    /// <summary>The shared instance with the default prefixes.</summary>
    public static TopicOptions Default { get; } = new();

    /// <summary>Replaces <c>$aws</c> in every AWS-shaped topic (for example <c>aws</c> on AWS IoT Core itself).</summary>
    public string AwsPrefix { get; init; } = DefaultAwsPrefix;

    /// <summary>The first level(s) of Twins' own topics.</summary>
    public string TwinsPrefix { get; init; } = DefaultTwinsPrefix;

    /// <summary>Throws with the setting's name when a prefix is empty, has wildcards or an empty level.</summary>
    public void Validate()
    {
        Check(AwsPrefix, nameof(AwsPrefix));
        Check(TwinsPrefix, nameof(TwinsPrefix));
    }

    private static void Check(string prefix, string name)
    {
        if (string.IsNullOrEmpty(prefix) || prefix.AsSpan().IndexOfAny('+', '#', '\0') >= 0 || prefix.Split('/').Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException($"Topic prefix '{prefix}' is not valid: it must be one or more non-empty levels without '+', '#' or NUL.", name);
        }
    }
}
