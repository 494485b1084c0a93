using System.Text;

namespace Twins.Mqtt.Formatter;

/// <summary>The strict UTF-8 encoding MQTT requires: invalid sequences and lone surrogates throw.</summary>
internal static class MqttStrings
{
    public static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
