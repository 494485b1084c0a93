namespace Twins.Actors.Membership;

/// <summary>A silo's status in the membership table.</summary>
public enum SiloStatus
{
    /// <summary>Not in the table.</summary>
    None,

    /// <summary>Started, not yet serving grains.</summary>
    Joining,

    /// <summary>Serving: grains are placed on it.</summary>
    Active,

    /// <summary>Stopping gracefully: takes no new activations, hands its grains back.</summary>
    ShuttingDown,

    /// <summary>Left, or declared dead by another silo; never serves again under this generation.</summary>
    Dead,
}
