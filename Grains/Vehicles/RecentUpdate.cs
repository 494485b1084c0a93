namespace Twins.Grains.Vehicles;

/// <summary>An accepted shadow update remembered so a redelivery is recognised and answered again the same way.</summary>
/// <param name="Fingerprint">Shadow name, clientToken and a hash of the payload.</param>
/// <param name="Version">The shadow version the update produced.</param>
/// <param name="Timestamp">When it was applied (Unix seconds), as its accepted answer said.</param>
public sealed record RecentUpdate(string Fingerprint, long Version, long Timestamp);
