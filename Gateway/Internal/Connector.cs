using Microsoft.Extensions.Logging;
using Twins.Mqtt.Client;

namespace Twins.Gateway.Internal;

/// <summary>The first connect of a gateway connection, retried with full-jitter backoff (the client's own state machine takes over afterwards).</summary>
internal static partial class Connector
{
    public static MqttClientOptions Options(GatewayOptions gateway, string clientId, TimeSpan sessionExpiry, ushort receiveMaximum, bool adoptSession) => new()
    {
        Host = gateway.Host,
        Port = gateway.Port,
        Tls = Certificates.GatewayTls.ClientOptions(gateway),
        ClientId = clientId,
        CleanStart = sessionExpiry == TimeSpan.Zero,
        SessionExpiryInterval = (uint)sessionExpiry.TotalSeconds,
        AdoptBrokerSession = adoptSession,
        KeepAlivePeriod = TimeSpan.FromSeconds(30),
        ReceiveMaximum = receiveMaximum,
        // Network liveness (keep-alive, reconnect backoff) runs on real time even when the grains run on a manual clock.
        TimeProvider = TimeProvider.System,
        DefaultConsumer = new MqttMessageConsumerOptions { AutoAcknowledge = false, Capacity = receiveMaximum },
        Reconnect = new MqttReconnectOptions { MinimumDelay = gateway.MinReconnectDelay, MaximumDelay = gateway.MaxReconnectDelay },
    };

    public static async Task ConnectAsync(MqttClient client, MqttClientOptions options, GatewayOptions gateway, ILogger logger, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await client.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is MqttConnectingFailedException or IOException or System.Net.Sockets.SocketException or TimeoutException)
            {
                var cap = Math.Min(gateway.MaxReconnectDelay.TotalMilliseconds, gateway.MinReconnectDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 20)));
                var delay = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * cap);
                LogConnectFailed(logger, options.ClientId, options.Host, options.Port, ex.Message, delay.TotalSeconds);
                await Task.Delay(delay, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(EventId = 7402, Level = LogLevel.Warning, Message = "Gateway connection {ClientId} could not reach {Host}:{Port} ({Reason}); retrying in {Delay:0.0} s")]
    private static partial void LogConnectFailed(ILogger logger, string clientId, string host, int port, string reason, double delay);
}
