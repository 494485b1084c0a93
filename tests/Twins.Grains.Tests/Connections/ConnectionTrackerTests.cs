using Twins.Grains.Connections;
using Twins.Grains.Routing;

namespace Twins.Grains.Tests.Connections;

public sealed class ConnectionTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ConnectionTracker _tracker = new(new ConnectionOptions { KeepAlive = TimeSpan.FromSeconds(60) });

    private static LifecycleEvent Connected(long version, int second = 0) =>
        new("v1", T0.AddSeconds(second), PresenceEventType.Connected, $"s{version}", $"cert{version}", "10.0.0.1", null, null, version);

    private static LifecycleEvent Disconnected(long version, DisconnectReason reason = DisconnectReason.ConnectionLost, int second = 0) =>
        new("v1", T0.AddSeconds(second), PresenceEventType.Disconnected, $"s{version}", $"cert{version}", null, false, reason, version);

    private static ConnectionStatus Run(params LifecycleEvent[] events)
    {
        var status = ConnectionStatus.Unknown;
        foreach (var e in events)
        {
            status = ConnectionTracker.Apply(status, e, T0).Status;
        }

        return status;
    }

    [Fact]
    public void Apply_Connected_RecordsSessionPrincipalAndAddress()
    {
        var change = ConnectionTracker.Apply(ConnectionStatus.Unknown, Connected(1, second: 5), T0.AddSeconds(6));

        Assert.True(change.Applied);
        Assert.True(change.BecameConnected);
        var status = change.Status;
        Assert.True(status.Connected);
        Assert.Equal(T0.AddSeconds(5), status.Since);
        Assert.Equal("s1", status.SessionIdentifier);
        Assert.Equal("cert1", status.PrincipalIdentifier);
        Assert.Equal("10.0.0.1", status.IpAddress);
        Assert.Equal(T0.AddSeconds(6), status.LastSeen);
        Assert.Equal(1, status.VersionNumber);
    }

    [Fact]
    public void Apply_DisconnectedSameVersion_MovesToDisconnectedWithReason()
    {
        var change = ConnectionTracker.Apply(Run(Connected(1)), Disconnected(1, DisconnectReason.DuplicateClientId, second: 9), T0);

        Assert.True(change.Applied);
        Assert.True(change.BecameDisconnected);
        Assert.False(change.Status.Connected);
        Assert.Equal(DisconnectReason.DuplicateClientId, change.Status.LastDisconnectReason);
        Assert.Equal(T0.AddSeconds(9), change.Status.Since);
    }

    [Fact]
    public void Apply_DuplicatedEvents_AreIgnored()
    {
        var connected = Run(Connected(1));
        var duplicateConnect = ConnectionTracker.Apply(connected, Connected(1), T0);
        var disconnected = Run(Connected(1), Disconnected(1));
        var duplicateDisconnect = ConnectionTracker.Apply(disconnected, Disconnected(1), T0);

        Assert.False(duplicateConnect.Applied);
        Assert.Same(connected, duplicateConnect.Status);
        Assert.False(duplicateDisconnect.Applied);
    }

    [Fact]
    public void Apply_OldConnectAfterItsDisconnect_IsIgnored()
    {
        var status = Run(Connected(1), Disconnected(1), Connected(1));

        Assert.False(status.Connected);
    }

    [Fact]
    public void Apply_OldSessionsDisconnectAfterNewConnect_IsIgnored()
    {
        // Session 1 ends after session 2 began, but its disconnect arrives last.
        var status = Run(Connected(1), Connected(2), Disconnected(1));

        Assert.True(status.Connected);
        Assert.Equal("s2", status.SessionIdentifier);
        Assert.Equal(2, status.VersionNumber);
    }

    [Fact]
    public void Apply_DisconnectBeforeItsConnect_LeavesDisconnected()
    {
        var status = Run(Disconnected(3), Connected(3));

        Assert.False(status.Connected);
        Assert.Equal(3, status.VersionNumber);
    }

    [Fact]
    public void Apply_NewerSession_IsAlwaysApplied()
    {
        var status = Run(Connected(1), Disconnected(1), Connected(5));

        Assert.True(status.Connected);
        Assert.Equal("cert5", status.PrincipalIdentifier);
    }

    [Fact]
    public void Apply_ShuffledAndDuplicatedStream_EndsInTheLatestSessionsState()
    {
        var status = Run(Connected(2), Disconnected(1), Connected(1), Disconnected(2), Connected(2), Disconnected(2), Connected(1));

        Assert.False(status.Connected);
        Assert.Equal(2, status.VersionNumber);
    }

    [Fact]
    public void CheckKeepAlive_SilentFor1Point5KeepAlive_MarksDisconnected()
    {
        var status = ConnectionTracker.Apply(ConnectionStatus.Unknown, Connected(1), T0).Status;

        var early = _tracker.CheckKeepAlive(status, T0.AddSeconds(89));
        var late = _tracker.CheckKeepAlive(status, T0.AddSeconds(90));

        Assert.False(early.Applied);
        Assert.Equal(T0.AddSeconds(90), _tracker.KeepAliveDeadline(status));
        Assert.True(late.BecameDisconnected);
        Assert.False(late.Status.Connected);
        Assert.Equal(DisconnectReason.MqttKeepAliveTimeout, late.Status.LastDisconnectReason);
        Assert.Null(_tracker.KeepAliveDeadline(late.Status));
    }

    [Fact]
    public void MarkSeen_AnyMessage_PushesTheKeepAliveDeadline()
    {
        var status = ConnectionTracker.Apply(ConnectionStatus.Unknown, Connected(1), T0).Status;
        status = ConnectionTracker.MarkSeen(status, T0.AddSeconds(80)).Status;

        Assert.False(_tracker.CheckKeepAlive(status, T0.AddSeconds(100)).Applied);
        Assert.Equal(T0.AddSeconds(170), _tracker.KeepAliveDeadline(status));
    }

    [Fact]
    public void MarkSeen_AfterKeepAliveTimeout_ReconnectsTheSameSession()
    {
        var status = ConnectionTracker.Apply(ConnectionStatus.Unknown, Connected(1), T0).Status;
        status = _tracker.CheckKeepAlive(status, T0.AddSeconds(90)).Status;

        var seen = ConnectionTracker.MarkSeen(status, T0.AddSeconds(95));

        Assert.True(seen.BecameConnected);
        Assert.True(seen.Status.Connected);
        Assert.Equal("s1", seen.Status.SessionIdentifier);
    }

    [Fact]
    public void Apply_RealDisconnectAfterKeepAliveTimeout_RecordsItsReason()
    {
        var status = ConnectionTracker.Apply(ConnectionStatus.Unknown, Connected(1), T0).Status;
        status = _tracker.CheckKeepAlive(status, T0.AddSeconds(90)).Status;

        var change = ConnectionTracker.Apply(status, Disconnected(1, DisconnectReason.ClientInitiatedDisconnect), T0.AddSeconds(91));

        Assert.True(change.Applied);
        Assert.False(change.BecameDisconnected);
        Assert.Equal(DisconnectReason.ClientInitiatedDisconnect, change.Status.LastDisconnectReason);
        Assert.False(ConnectionTracker.Apply(change.Status, Disconnected(1), T0).Applied);
    }

    [Fact]
    public void CheckKeepAlive_NeverConnected_DoesNothing()
    {
        Assert.False(_tracker.CheckKeepAlive(ConnectionStatus.Unknown, T0.AddDays(1)).Applied);
    }
}
