namespace Twins.Mqtt.Formatter;

/// <summary>Variable Byte Integer facts (§1.5.5): 1 to 4 bytes, 7 bits each.</summary>
internal static class MqttVariableByteInteger
{
    public const uint MaxValue = 268_435_455;

    public static int GetSize(uint value) => value switch
    {
        < 128 => 1,
        < 16_384 => 2,
        < 2_097_152 => 3,
        _ => 4,
    };
}
