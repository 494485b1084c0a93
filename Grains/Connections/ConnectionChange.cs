namespace Twins.Grains.Connections;

/// <summary>The result of feeding an event or a check to <see cref="ConnectionTracker"/>.</summary>
/// <param name="Status">The status to keep (the same instance when nothing changed).</param>
/// <param name="Applied">True when the input was applied; false when it was a duplicate or out of order.</param>
/// <param name="BecameConnected">True when the vehicle went from disconnected to connected (deliver queued commands, the delta).</param>
/// <param name="BecameDisconnected">True when the vehicle went from connected to disconnected.</param>
public sealed record ConnectionChange(ConnectionStatus Status, bool Applied, bool BecameConnected, bool BecameDisconnected);
