using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Twins.Grains.Interfaces.Certificates;
using Twins.Mqtt.Client;

namespace Twins.Gateway.Certificates;

/// <summary>
/// Ends a vehicle's connection from the broker side: connects under the vehicle's client id with the
/// gateway's identity (full access in the broker ACL), which makes the broker close the older connection
/// with that id (MQTT session takeover; MQTT 5 reason 0x8E), then disconnects cleanly. Clean Start and a
/// zero session expiry discard the vehicle's session with it. The vehicle's reconnect then fails the TLS
/// handshake when its certificate is on the broker's CRL.
/// </summary>
public sealed partial class BrokerSessionTakeover : IBrokerSessionTakeover
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);
    private readonly GatewayOptions _gateway;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger<BrokerSessionTakeover> _logger;

    /// <summary>Creates the takeover port over the gateway's broker settings.</summary>
    public BrokerSessionTakeover(IOptions<GatewayOptions> gateway, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(loggers);
        _gateway = gateway.Value;
        _loggers = loggers;
        _logger = loggers.CreateLogger<BrokerSessionTakeover>();
    }

    /// <inheritdoc/>
    public async Task<bool> TakeOverAsync(string clientId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(AttemptTimeout);
        var client = new MqttClient(_loggers.CreateLogger<MqttClient>());
        await using (client.ConfigureAwait(false))
        {
            try
            {
                await client.ConnectAsync(
                    new MqttClientOptions
                    {
                        Host = _gateway.Host,
                        Port = _gateway.Port,
                        ClientId = clientId,
                        CleanStart = true,
                        SessionExpiryInterval = 0,
                        KeepAlivePeriod = TimeSpan.FromSeconds(30),
                        TimeProvider = TimeProvider.System,
                        Tls = GatewayTls.ClientOptions(_gateway),
                        Reconnect = new MqttReconnectOptions { Enabled = false },
                    },
                    timeout.Token).ConfigureAwait(false);
                await client.DisconnectAsync(cancellationToken: timeout.Token).ConfigureAwait(false);
                LogTakenOver(_logger, clientId, _gateway.Host, _gateway.Port);
                return true;
            }
            catch (Exception ex) when (ex is MqttConnectingFailedException or IOException or System.Net.Sockets.SocketException
                or System.Security.Authentication.AuthenticationException or OperationCanceledException or TimeoutException or MqttClientNotConnectedException)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }

                LogFailed(_logger, clientId, _gateway.Host, _gateway.Port, ex.Message);
                return false;
            }
        }
    }

    [LoggerMessage(EventId = 7451, Level = LogLevel.Information, Message = "Took over and closed {ClientId}'s session on {Host}:{Port}")]
    private static partial void LogTakenOver(ILogger logger, string clientId, string host, int port);

    [LoggerMessage(EventId = 7452, Level = LogLevel.Warning, Message = "Could not take over {ClientId}'s session on {Host}:{Port}: {Reason}; retried later")]
    private static partial void LogFailed(ILogger logger, string clientId, string host, int port, string reason);
}
