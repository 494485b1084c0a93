namespace Twins.Grains.Commands;

/// <summary>A status-change event to publish on <c>$aws/events/commandExecution/{command}/{status}</c>.</summary>
/// <param name="Topic">The event topic.</param>
/// <param name="Payload"><c>{"executionId","status","statusReason","eventType":"COMMAND_EXECUTION","targetArn","timestamp"}</c>.</param>
public sealed record CommandEventMessage(string Topic, ReadOnlyMemory<byte> Payload);
