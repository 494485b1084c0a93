using System.Security.Cryptography.X509Certificates;
using Twins.Mqtt.Packets;

namespace Twins.Mqtt.Client;

/// <summary>Fluent builder for <see cref="MqttClientOptions"/>, shaped like MQTTnet's.</summary>
public sealed class MqttClientOptionsBuilder
{
    private readonly List<MqttUserProperty> _userProperties = [];
    private readonly Mutable _m = new(new MqttClientOptions { Host = "localhost" });

    /// <summary>Connects over TCP to <paramref name="host"/>:<paramref name="port"/>.</summary>
    public MqttClientOptionsBuilder WithTcpServer(string host, int port = 1883) =>
        Set(o =>
        {
            o.Host = host;
            o.Port = port;
        });

    /// <summary>Uses TLS with the given settings.</summary>
    public MqttClientOptionsBuilder WithTlsOptions(MqttClientTlsOptions tls) => Set(o => o.Tls = tls);

    /// <summary>Uses TLS trusting <paramref name="authority"/> and presenting <paramref name="clientCertificate"/> (mutual TLS) when given.</summary>
    public MqttClientOptionsBuilder WithTls(X509Certificate2? authority, X509Certificate2? clientCertificate = null) =>
        WithTlsOptions(new MqttClientTlsOptions
        {
            UseTls = true,
            TrustedCertificateAuthority = authority,
            ClientCertificates = clientCertificate is null ? null : [clientCertificate],
        });

    /// <summary>Sets the client identifier.</summary>
    public MqttClientOptionsBuilder WithClientId(string clientId) => Set(o => o.ClientId = clientId);

    /// <summary>Sets Clean Start for the first connect.</summary>
    public MqttClientOptionsBuilder WithCleanStart(bool cleanStart = true) => Set(o => o.CleanStart = cleanStart);

    /// <summary>Sets the Session Expiry Interval in seconds.</summary>
    public MqttClientOptionsBuilder WithSessionExpiryInterval(uint seconds) => Set(o => o.SessionExpiryInterval = seconds);

    /// <summary>Sets the keep-alive period.</summary>
    public MqttClientOptionsBuilder WithKeepAlivePeriod(TimeSpan period) => Set(o => o.KeepAlivePeriod = period);

    /// <summary>Sets the PINGRESP timeout.</summary>
    public MqttClientOptionsBuilder WithPingTimeout(TimeSpan timeout) => Set(o => o.PingTimeout = timeout);

    /// <summary>Sets the CONNACK / SUBACK / UNSUBACK timeout.</summary>
    public MqttClientOptionsBuilder WithTimeout(TimeSpan timeout) => Set(o => o.Timeout = timeout);

    /// <summary>Sets user name and password.</summary>
    public MqttClientOptionsBuilder WithCredentials(string userName, string? password = null) =>
        Set(o =>
        {
            o.UserName = userName;
            o.Password = password is null ? null : System.Text.Encoding.UTF8.GetBytes(password);
        });

    /// <summary>Sets the Receive Maximum (inbound in-flight window).</summary>
    public MqttClientOptionsBuilder WithReceiveMaximum(ushort receiveMaximum) => Set(o => o.ReceiveMaximum = receiveMaximum);

    /// <summary>Sets the Maximum Packet Size this client accepts.</summary>
    public MqttClientOptionsBuilder WithMaximumPacketSize(uint maximumPacketSize) => Set(o => o.MaximumPacketSize = maximumPacketSize);

    /// <summary>Sets the inbound Topic Alias Maximum.</summary>
    public MqttClientOptionsBuilder WithTopicAliasMaximum(ushort maximum) => Set(o => o.TopicAliasMaximum = maximum);

    /// <summary>Turns outbound topic aliases on or off.</summary>
    public MqttClientOptionsBuilder WithOutboundTopicAliases(bool use = true) => Set(o => o.UseOutboundTopicAliases = use);

    /// <summary>Adds a CONNECT User Property.</summary>
    public MqttClientOptionsBuilder WithUserProperty(string name, string value)
    {
        _userProperties.Add(new MqttUserProperty(name, value));
        return this;
    }

    /// <summary>Sets the Will Message and its delay in seconds.</summary>
    public MqttClientOptionsBuilder WithWill(MqttApplicationMessage will, uint delayIntervalSeconds = 0) =>
        Set(o =>
        {
            o.WillMessage = will;
            o.WillDelayInterval = delayIntervalSeconds;
        });

    /// <summary>Sets the reconnect behaviour.</summary>
    public MqttClientOptionsBuilder WithReconnect(MqttReconnectOptions reconnect) => Set(o => o.Reconnect = reconnect);

    /// <summary>Turns automatic reconnect off.</summary>
    public MqttClientOptionsBuilder WithoutReconnect() => Set(o => o.Reconnect = new MqttReconnectOptions { Enabled = false });

    /// <summary>Sets the default consumer's capacity and acknowledgement mode.</summary>
    public MqttClientOptionsBuilder WithDefaultConsumer(MqttMessageConsumerOptions consumer) => Set(o => o.DefaultConsumer = consumer);

    /// <summary>Chooses whether QoS 1/2 messages are republished when the broker lost the session.</summary>
    public MqttClientOptionsBuilder WithRepublishAfterSessionLoss(bool republish = true) => Set(o => o.RepublishAfterSessionLoss = republish);

    /// <summary>Keeps a broker session this client holds no state for (see <see cref="MqttClientOptions.AdoptBrokerSession"/>).</summary>
    public MqttClientOptionsBuilder WithAdoptBrokerSession(bool adopt = true) => Set(o => o.AdoptBrokerSession = adopt);

    /// <summary>Sets the clock.</summary>
    public MqttClientOptionsBuilder WithTimeProvider(TimeProvider timeProvider) => Set(o => o.TimeProvider = timeProvider);

    /// <summary>Builds the options.</summary>
    public MqttClientOptions Build()
    {
        if (_userProperties.Count > 0)
        {
            _m.UserProperties = _userProperties.ToArray();
        }

        return _m.ToOptions();
    }

    private MqttClientOptionsBuilder Set(Action<Mutable> change)
    {
        change(_m);
        return this;
    }

    private sealed class Mutable(MqttClientOptions o)
    {
        public string Host { get; set; } = o.Host;
        public int Port { get; set; } = o.Port;
        public MqttClientTlsOptions Tls { get; set; } = o.Tls;
        public string ClientId { get; set; } = o.ClientId;
        public bool CleanStart { get; set; } = o.CleanStart;
        public uint SessionExpiryInterval { get; set; } = o.SessionExpiryInterval;
        public TimeSpan KeepAlivePeriod { get; set; } = o.KeepAlivePeriod;
        public TimeSpan? PingTimeout { get; set; } = o.PingTimeout;
        public TimeSpan Timeout { get; set; } = o.Timeout;
        public string? UserName { get; set; } = o.UserName;
        public ReadOnlyMemory<byte>? Password { get; set; } = o.Password;
        public ushort ReceiveMaximum { get; set; } = o.ReceiveMaximum;
        public uint MaximumPacketSize { get; set; } = o.MaximumPacketSize;
        public ushort TopicAliasMaximum { get; set; } = o.TopicAliasMaximum;
        public bool UseOutboundTopicAliases { get; set; } = o.UseOutboundTopicAliases;
        public IReadOnlyList<MqttUserProperty> UserProperties { get; set; } = o.UserProperties;
        public MqttApplicationMessage? WillMessage { get; set; } = o.WillMessage;
        public uint WillDelayInterval { get; set; } = o.WillDelayInterval;
        public MqttReconnectOptions Reconnect { get; set; } = o.Reconnect;
        public MqttMessageConsumerOptions DefaultConsumer { get; set; } = o.DefaultConsumer;
        public TimeProvider TimeProvider { get; set; } = o.TimeProvider;
        public bool RequestProblemInformation { get; set; } = o.RequestProblemInformation;
        public bool RequestResponseInformation { get; set; } = o.RequestResponseInformation;
        public bool RepublishAfterSessionLoss { get; set; } = o.RepublishAfterSessionLoss;
        public bool AdoptBrokerSession { get; set; } = o.AdoptBrokerSession;

        public MqttClientOptions ToOptions() => new()
        {
            Host = Host,
            Port = Port,
            Tls = Tls,
            ClientId = ClientId,
            CleanStart = CleanStart,
            SessionExpiryInterval = SessionExpiryInterval,
            KeepAlivePeriod = KeepAlivePeriod,
            PingTimeout = PingTimeout,
            Timeout = Timeout,
            UserName = UserName,
            Password = Password,
            ReceiveMaximum = ReceiveMaximum,
            MaximumPacketSize = MaximumPacketSize,
            TopicAliasMaximum = TopicAliasMaximum,
            UseOutboundTopicAliases = UseOutboundTopicAliases,
            UserProperties = UserProperties,
            WillMessage = WillMessage,
            WillDelayInterval = WillDelayInterval,
            Reconnect = Reconnect,
            DefaultConsumer = DefaultConsumer,
            TimeProvider = TimeProvider,
            RequestProblemInformation = RequestProblemInformation,
            RequestResponseInformation = RequestResponseInformation,
            RepublishAfterSessionLoss = RepublishAfterSessionLoss,
            AdoptBrokerSession = AdoptBrokerSession,
        };
    }
}
