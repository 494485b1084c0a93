using System.Text;

namespace Twins.Testing.Tests;

/// <summary>
/// A hand-written MQTT 5 CONNECT and CONNACK reader: just enough to prove a broker fixture speaks MQTT,
/// independent of libs/Mqtt (which these fixtures exist to test).
/// </summary>
internal static class RawMqtt
{
    public static byte[] Connect(string clientId)
    {
        var id = Encoding.UTF8.GetBytes(clientId);
        var variable = new List<byte> { 0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 0x05, 0x02, 0x00, 0x3C, 0x00 };
        variable.Add((byte)(id.Length >> 8));
        variable.Add((byte)id.Length);
        variable.AddRange(id);
        return [0x10, (byte)variable.Count, .. variable];
    }

    /// <summary>Reads one CONNACK and returns its reason code.</summary>
    public static async Task<byte> ReadConnAckReasonAsync(Stream stream)
    {
        var header = new byte[2];
        await stream.ReadExactlyAsync(header);
        Assert.Equal(0x20, header[0]);
        var body = new byte[header[1]];
        await stream.ReadExactlyAsync(body);
        return body[1];
    }
}
