namespace Twins.Grains.WakeUp;

/// <summary>Settings of the webhook notifier, bound from <c>Twins:WakeUp</c>.</summary>
public sealed class WebhookWakeUpOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Twins:WakeUp";

    /// <summary>Where wake-up requests are POSTed as <c>{"thingName","executionId","requestedAt"}</c>; none uses the log notifier.</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>Retries after the first attempt (exponential backoff with jitter).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Delay before the first retry.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Timeout of one attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
