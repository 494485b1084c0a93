using Twins.Mqtt.Client;
using Twins.Mqtt.Packets;

namespace Twins.Mqtt.Internal;

/// <summary>Why a connection ended.</summary>
internal sealed record MqttConnectionClosed(MqttDisconnectSource Source, MqttReasonCode ReasonCode, string? ReasonString, Exception? Exception);
