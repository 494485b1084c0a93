namespace Twins.Grains.Routing;

/// <summary>The request a vehicle or app publishes under a shadow's topic prefix.</summary>
[GenerateSerializer]
[Alias("Twins.ShadowOperation")]
public enum ShadowOperation
{
    /// <summary><c>/update</c></summary>
    Update,

    /// <summary><c>/get</c></summary>
    Get,

    /// <summary><c>/delete</c></summary>
    Delete,
}
