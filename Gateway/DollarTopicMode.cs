namespace Twins.Gateway;

/// <summary>How the workers of one gateway split topics that start with <c>$</c>.</summary>
public enum DollarTopicMode
{
    /// <summary>Plain subscriptions on every worker; each keeps the vehicles of its hash partition (works on mosquitto 2.0).</summary>
    Partitioned,

    /// <summary>Shared subscriptions (<c>$share/{group}/$aws/...</c>) on brokers that match them.</summary>
    Shared,
}
