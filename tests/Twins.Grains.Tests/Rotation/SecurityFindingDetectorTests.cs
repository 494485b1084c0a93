using Twins.Grains.Connections;
using Twins.Grains.Rotation;
using Twins.Grains.Routing;

namespace Twins.Grains.Tests.Rotation;

public sealed class SecurityFindingDetectorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly SecurityFindingDetector _detector = new(stormThreshold: 3, stormWindow: TimeSpan.FromMinutes(10));

    private static LifecycleEvent Event(string clientId, PresenceEventType type, long version, DisconnectReason? reason = null) =>
        new(clientId, T0, type, "s", "cert", null, null, reason, version);

    [Fact]
    public void Observe_SameCertificateOnTwoClientIds_IsAFinding()
    {
        var (sightings, first) = _detector.Observe(CertificateSightings.None, Event("Vehicle_1", PresenceEventType.Connected, 1), T0);
        var (_, second) = _detector.Observe(sightings, Event("clone", PresenceEventType.Connected, 1), T0);

        Assert.Null(first);
        Assert.Contains("clone", second, StringComparison.Ordinal);
        Assert.Contains("Vehicle_1", second, StringComparison.Ordinal);
    }

    [Fact]
    public void Observe_ReconnectAfterDisconnect_IsNoFinding()
    {
        var sightings = _detector.Observe(CertificateSightings.None, Event("Vehicle_1", PresenceEventType.Connected, 1), T0).Sightings;
        sightings = _detector.Observe(sightings, Event("Vehicle_1", PresenceEventType.Disconnected, 1, DisconnectReason.ConnectionLost), T0).Sightings;

        Assert.Null(_detector.Observe(sightings, Event("Vehicle_1", PresenceEventType.Connected, 2), T0).Finding);
    }

    [Fact]
    public void Observe_DuplicateClientIdStorm_IsAFindingOnlyWithinTheWindow()
    {
        var sightings = CertificateSightings.None;
        string? finding = null;
        for (var i = 0; i < 3; i++)
        {
            (sightings, finding) = _detector.Observe(sightings, Event("Vehicle_1", PresenceEventType.Disconnected, i, DisconnectReason.DuplicateClientId), T0.AddMinutes(i * 6));
        }

        Assert.Null(finding);

        sightings = CertificateSightings.None;
        for (var i = 0; i < 3; i++)
        {
            (sightings, finding) = _detector.Observe(sightings, Event("Vehicle_1", PresenceEventType.Disconnected, i, DisconnectReason.DuplicateClientId), T0.AddMinutes(i));
        }

        Assert.Contains("DUPLICATE_CLIENTID", finding, StringComparison.Ordinal);
    }
}
