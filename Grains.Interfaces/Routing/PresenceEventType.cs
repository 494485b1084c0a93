namespace Twins.Grains.Routing;

/// <summary>Which lifecycle topic an event came on.</summary>
[GenerateSerializer]
[Alias("Twins.PresenceEventType")]
public enum PresenceEventType
{
    /// <summary><c>$aws/events/presence/connected/{clientId}</c></summary>
    Connected,

    /// <summary><c>$aws/events/presence/disconnected/{clientId}</c></summary>
    Disconnected,
}
