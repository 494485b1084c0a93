using System.Text;
using Twins.Mqtt.Packets;

namespace Twins.Mqtt.Client;

/// <summary>Fluent builder for <see cref="MqttApplicationMessage"/>.</summary>
public sealed class MqttApplicationMessageBuilder
{
    private readonly List<MqttUserProperty> _userProperties = [];
    private string? _topic;
    private ReadOnlyMemory<byte> _payload;
    private MqttQualityOfServiceLevel _qos;
    private bool _retain;
    private MqttPayloadFormatIndicator _format;
    private uint _expiry;
    private string? _contentType;
    private string? _responseTopic;
    private ReadOnlyMemory<byte> _correlationData;

    /// <summary>Sets the topic.</summary>
    public MqttApplicationMessageBuilder WithTopic(string topic)
    {
        _topic = topic;
        return this;
    }

    /// <summary>Sets the payload bytes.</summary>
    public MqttApplicationMessageBuilder WithPayload(ReadOnlyMemory<byte> payload)
    {
        _payload = payload;
        return this;
    }

    /// <summary>Sets the payload as UTF-8 text and marks it as character data.</summary>
    public MqttApplicationMessageBuilder WithPayload(string payload)
    {
        _payload = Encoding.UTF8.GetBytes(payload);
        _format = MqttPayloadFormatIndicator.CharacterData;
        return this;
    }

    /// <summary>Sets the QoS.</summary>
    public MqttApplicationMessageBuilder WithQualityOfServiceLevel(MqttQualityOfServiceLevel qos)
    {
        _qos = qos;
        return this;
    }

    /// <summary>Sets the retain flag (an empty retained payload clears the retained message).</summary>
    public MqttApplicationMessageBuilder WithRetainFlag(bool retain = true)
    {
        _retain = retain;
        return this;
    }

    /// <summary>Sets the Payload Format Indicator.</summary>
    public MqttApplicationMessageBuilder WithPayloadFormatIndicator(MqttPayloadFormatIndicator format)
    {
        _format = format;
        return this;
    }

    /// <summary>Sets the Message Expiry Interval in seconds.</summary>
    public MqttApplicationMessageBuilder WithMessageExpiryInterval(uint seconds)
    {
        _expiry = seconds;
        return this;
    }

    /// <summary>Sets the Content Type.</summary>
    public MqttApplicationMessageBuilder WithContentType(string contentType)
    {
        _contentType = contentType;
        return this;
    }

    /// <summary>Sets the Response Topic.</summary>
    public MqttApplicationMessageBuilder WithResponseTopic(string responseTopic)
    {
        _responseTopic = responseTopic;
        return this;
    }

    /// <summary>Sets the Correlation Data.</summary>
    public MqttApplicationMessageBuilder WithCorrelationData(ReadOnlyMemory<byte> correlationData)
    {
        _correlationData = correlationData;
        return this;
    }

    /// <summary>Adds a User Property.</summary>
    public MqttApplicationMessageBuilder WithUserProperty(string name, string value)
    {
        _userProperties.Add(new MqttUserProperty(name, value));
        return this;
    }

    /// <summary>Addresses this message as the response to <paramref name="request"/>: its Response Topic and Correlation Data.</summary>
    public MqttApplicationMessageBuilder WithResponseTo(MqttApplicationMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        _topic = request.ResponseTopic ?? throw new ArgumentException("The request has no Response Topic.", nameof(request));
        _correlationData = request.CorrelationData;
        return this;
    }

    /// <summary>Builds the message.</summary>
    public MqttApplicationMessage Build() => new()
    {
        Topic = _topic ?? throw new InvalidOperationException("A topic is required."),
        Payload = _payload,
        QualityOfServiceLevel = _qos,
        Retain = _retain,
        PayloadFormatIndicator = _format,
        MessageExpiryInterval = _expiry,
        ContentType = _contentType,
        ResponseTopic = _responseTopic,
        CorrelationData = _correlationData,
        UserProperties = _userProperties.ToArray(),
    };
}
