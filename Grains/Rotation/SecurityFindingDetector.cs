using Twins.Grains.Connections;
using Twins.Grains.Routing;

namespace Twins.Grains.Rotation;

/// <summary>
/// Spots the security findings that trigger a rotation from a certificate's lifecycle events: the
/// certificate connected under two client ids at once (it was copied), or a storm of
/// DUPLICATE_CLIENTID disconnects (two devices fighting over one identity).
/// </summary>
public sealed class SecurityFindingDetector
{
    private readonly int _stormThreshold;
    private readonly TimeSpan _stormWindow;

    /// <summary>A storm is <paramref name="stormThreshold"/> DUPLICATE_CLIENTID disconnects within <paramref name="stormWindow"/> (default 5 in 10 minutes).</summary>
    public SecurityFindingDetector(int stormThreshold = 5, TimeSpan? stormWindow = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stormThreshold, 2);
        _stormThreshold = stormThreshold;
        _stormWindow = stormWindow ?? TimeSpan.FromMinutes(10);
    }

    /// <summary>Feeds a lifecycle event whose principalIdentifier is this certificate; returns the finding, if any.</summary>
    public (CertificateSightings Sightings, string? Finding) Observe(CertificateSightings sightings, LifecycleEvent lifecycleEvent, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(sightings);
        ArgumentNullException.ThrowIfNull(lifecycleEvent);
        if (lifecycleEvent.EventType == PresenceEventType.Connected)
        {
            var others = sightings.OpenSessions.Keys.Where(c => !string.Equals(c, lifecycleEvent.ClientId, StringComparison.Ordinal)).ToList();
            var next = sightings with { OpenSessions = sightings.OpenSessions.SetItem(lifecycleEvent.ClientId, lifecycleEvent.VersionNumber) };
            return others.Count == 0
                ? (next, null)
                : (next, $"The certificate is connected under client ids {string.Join(", ", others.Append(lifecycleEvent.ClientId).Order(StringComparer.Ordinal))} at once.");
        }

        var open = sightings.OpenSessions;
        if (open.TryGetValue(lifecycleEvent.ClientId, out var version) && version <= lifecycleEvent.VersionNumber)
        {
            open = open.Remove(lifecycleEvent.ClientId);
        }

        var recent = sightings.DuplicateClientIdDisconnects.RemoveAll(t => t <= now - _stormWindow);
        if (lifecycleEvent.DisconnectReason == DisconnectReason.DuplicateClientId)
        {
            recent = recent.Add(now);
        }

        var updated = new CertificateSightings(open, recent);
        if (recent.Count >= _stormThreshold)
        {
            return (updated with { DuplicateClientIdDisconnects = [] }, $"{recent.Count} DUPLICATE_CLIENTID disconnects within {_stormWindow.TotalMinutes:0} minutes.");
        }

        return (updated, null);
    }
}
