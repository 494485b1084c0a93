using Microsoft.Extensions.Logging;
using Twins.Mqtt.Packets;

namespace Twins.Mqtt.Client;

public sealed partial class MqttClient
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "MQTT client {ClientId} connected to {Host}:{Port} (session present: {SessionPresent})")]
    private static partial void LogConnected(ILogger logger, string clientId, string host, int port, bool sessionPresent);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "MQTT connection ended: {Source} {ReasonCode} {ReasonString}")]
    private static partial void LogConnectionLost(ILogger logger, MqttDisconnectSource source, MqttReasonCode reasonCode, string? reasonString);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Information, Message = "MQTT connection closed by this client: {ReasonCode}")]
    private static partial void LogDisconnected(ILogger logger, MqttReasonCode reasonCode);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "MQTT reconnect attempt {Attempt} in {DelayMs:0} ms")]
    private static partial void LogReconnectScheduled(ILogger logger, double delayMs, int attempt);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "MQTT reconnect attempt {Attempt} failed: {Error}")]
    private static partial void LogReconnectFailed(ILogger logger, int attempt, string error);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Debug, Message = "MQTT {PacketType} for unknown packet id {PacketIdentifier} ignored ({Count} so far)")]
    private static partial void LogUnknownAcknowledgement(ILogger logger, MqttPacketType packetType, ushort packetIdentifier, long count);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "MQTT resubscribe of {Filters} refused: {Reason}")]
    private static partial void LogResubscribeRefused(ILogger logger, string filters, string reason);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Error, Message = "MQTT client {Handler} failed")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string handler);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Warning, Message = "MQTT broker resumed a session for {ClientId} that this client has no state for; starting clean")]
    private static partial void LogUnexpectedSession(ILogger logger, string clientId);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Warning, Message = "MQTT broker exceeded this client's Receive Maximum of {ReceiveMaximum}; messages are still accepted")]
    private static partial void LogReceiveMaximumExceeded(ILogger logger, ushort receiveMaximum);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Warning, Message = "MQTT subscription {Filter} overlaps {Existing}: the broker will deliver each matching message to this client twice")]
    private static partial void LogSharedAndPlainOverlap(ILogger logger, string filter, string existing);
}
