using System.Globalization;
using System.Text.Json;
using Twins.Mqtt.Client;
using Twins.Mqtt.Packets;
using Twins.Testing;
using static Twins.Mqtt.Tests.MqttTestClients;

namespace Twins.Mqtt.Tests.Client;

/// <summary>Interoperability with clients not written here: mosquitto's C clients and python3-paho-mqtt (Debian).</summary>
public sealed class MqttClientInteropTests(MosquittoFixture fixture) : IClassFixture<MosquittoFixture>
{
    private MosquittoBroker Broker => fixture.Broker;

    private string Port => Broker.Port.ToString(CultureInfo.InvariantCulture);

    private static async Task<string> WaitForExitAsync(ExternalProcess process, string what)
    {
        await Poll.UntilAsync(() => process.HasExited, what);
        return process.RecentOutput;
    }

    [Fact]
    public async Task MosquittoPub_V5WithProperties_IsReceivedWithEveryProperty()
    {
        var topic = $"interop/mosquitto_pub/{Guid.NewGuid():N}";
        await using var client = await ConnectAsync(Broker, NewId("interop"));
        var consumer = await SubscribeAsync(client, topic, MqttQualityOfServiceLevel.ExactlyOnce);

        await using var pub = ExternalProcess.Start(Tools.MosquittoPub, ["-V", "mqttv5", "-h", MosquittoBroker.Host, "-p", Port, "-t", topic, "-q", "2", "-m", "{\"from\":\"c\"}",
            "-D", "publish", "user-property", "origin", "mosquitto_pub",
            "-D", "publish", "content-type", "application/json",
            "-D", "publish", "response-topic", "replies/c",
            "-D", "publish", "correlation-data", "corr-1",
            "-D", "publish", "message-expiry-interval", "120",
            "-D", "publish", "payload-format-indicator", "1"]);

        var message = (await consumer.ReceiveAsync()).ApplicationMessage;
        Assert.Equal("{\"from\":\"c\"}", message.ConvertPayloadToString());
        Assert.Equal(MqttQualityOfServiceLevel.ExactlyOnce, message.QualityOfServiceLevel);
        Assert.Equal([new MqttUserProperty("origin", "mosquitto_pub")], message.UserProperties);
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal("replies/c", message.ResponseTopic);
        Assert.Equal("corr-1"u8.ToArray(), message.CorrelationData.ToArray());
        Assert.InRange(message.MessageExpiryInterval, 1u, 120u);
        Assert.Equal(MqttPayloadFormatIndicator.CharacterData, message.PayloadFormatIndicator);
    }

    [Fact]
    public async Task MosquittoSub_V5_ReceivesOurMessageWithProperties()
    {
        var topic = $"interop/mosquitto_sub/{Guid.NewGuid():N}";
        await using var sub = ExternalProcess.Start(Tools.MosquittoSub, ["-V", "mqttv5", "-h", MosquittoBroker.Host, "-p", Port, "-t", topic, "-q", "1", "-C", "1",
            "-F", "topic=%t|payload=%p|qos=%q|ct=%C|rt=%R|cd=%D|user=%P"]);
        await using var client = await ConnectAsync(Broker, NewId("interop"));
        var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload("ours").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithContentType("text/plain").WithResponseTopic("replies/ours").WithCorrelationData("c-9"u8.ToArray()).WithUserProperty("vin", "WVW1").Build();

        // mosquitto_sub exits after its first message; publish until it has subscribed and received one.
        await Poll.UntilAsync(async () =>
        {
            await client.PublishAsync(message);
            return sub.HasExited;
        }, "mosquitto_sub to receive our message");

        Assert.Contains($"topic={topic}|payload=ours|qos=1|ct=text/plain|rt=replies/ours|cd=c-9|user=vin:WVW1", sub.RecentOutput, StringComparison.Ordinal);
    }

    private const string PahoPublish = """
        import sys
        import paho.mqtt.client as mqtt
        from paho.mqtt.properties import Properties
        from paho.mqtt.packettypes import PacketTypes
        port, topic, client_id = int(sys.argv[1]), sys.argv[2], sys.argv[3]
        props = Properties(PacketTypes.PUBLISH)
        props.UserProperty = [("origin", "paho"), ("origin", "python")]
        props.ContentType = "application/json"
        props.ResponseTopic = "replies/paho"
        props.CorrelationData = b"\x01\x02\x03"
        props.MessageExpiryInterval = 90
        c = mqtt.Client(client_id=client_id, protocol=mqtt.MQTTv5)
        c.connect("127.0.0.1", port)
        c.loop_start()
        c.publish(topic, '{"from":"paho"}', qos=2, properties=props).wait_for_publish()
        c.disconnect()
        c.loop_stop()
        print("published", flush=True)
        """;

    private const string PahoSubscribe = """
        import json, sys
        import paho.mqtt.client as mqtt
        port, topic, client_id = int(sys.argv[1]), sys.argv[2], sys.argv[3]
        def on_connect(c, userdata, flags, rc, properties=None):
            c.subscribe(topic, qos=2)
        def on_subscribe(c, userdata, mid, granted, properties=None):
            print("ready", flush=True)
        def on_message(c, userdata, m):
            p = m.properties
            print(json.dumps({"topic": m.topic, "payload": m.payload.decode(), "qos": m.qos,
                "user": [list(u) for u in getattr(p, "UserProperty", [])],
                "contentType": getattr(p, "ContentType", None), "responseTopic": getattr(p, "ResponseTopic", None),
                "correlation": getattr(p, "CorrelationData", b"").hex()}), flush=True)
            c.disconnect()
        c = mqtt.Client(client_id=client_id, protocol=mqtt.MQTTv5)
        c.on_connect, c.on_subscribe, c.on_message = on_connect, on_subscribe, on_message
        c.connect("127.0.0.1", port)
        c.loop_forever()
        """;

    [Fact]
    public async Task PahoPublish_V5WithProperties_IsReceivedWithEveryProperty()
    {
        var topic = $"interop/paho/{Guid.NewGuid():N}";
        await using var client = await ConnectAsync(Broker, NewId("interop"));
        var consumer = await SubscribeAsync(client, topic, MqttQualityOfServiceLevel.ExactlyOnce);

        await using var paho = ExternalProcess.Start(Tools.Python3, ["-c", PahoPublish, Port, topic, NewId("paho-pub")]);

        var message = (await consumer.ReceiveAsync()).ApplicationMessage;
        Assert.Equal("{\"from\":\"paho\"}", message.ConvertPayloadToString());
        Assert.Equal(MqttQualityOfServiceLevel.ExactlyOnce, message.QualityOfServiceLevel);
        Assert.Equal([new MqttUserProperty("origin", "paho"), new MqttUserProperty("origin", "python")], message.UserProperties);
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal("replies/paho", message.ResponseTopic);
        Assert.Equal(new byte[] { 1, 2, 3 }, message.CorrelationData.ToArray());
        Assert.InRange(message.MessageExpiryInterval, 1u, 90u);
        Assert.Contains("published", await WaitForExitAsync(paho, "paho to finish publishing"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PahoSubscribe_V5_ReceivesOurMessageWithProperties()
    {
        var topic = $"interop/paho/{Guid.NewGuid():N}";
        await using var paho = ExternalProcess.Start(Tools.Python3, ["-c", PahoSubscribe, Port, topic, NewId("paho-sub")]);
        await Poll.UntilAsync(() =>
        {
            paho.ThrowIfExited("paho subscriber");
            return paho.RecentOutput.Contains("ready", StringComparison.Ordinal);
        }, "paho to subscribe");
        await using var client = await ConnectAsync(Broker, NewId("interop"));

        await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload("to paho").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.ExactlyOnce)
            .WithContentType("text/plain").WithResponseTopic("replies/twins").WithCorrelationData(new byte[] { 0xCA, 0xFE })
            .WithUserProperty("k", "v1").WithUserProperty("k", "v2").Build());

        var output = await WaitForExitAsync(paho, "paho to receive our message");
        var line = output.Split('\n').Single(l => l.StartsWith('{'));
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal(topic, root.GetProperty("topic").GetString());
        Assert.Equal("to paho", root.GetProperty("payload").GetString());
        Assert.Equal(2, root.GetProperty("qos").GetInt32());
        Assert.Equal("text/plain", root.GetProperty("contentType").GetString());
        Assert.Equal("replies/twins", root.GetProperty("responseTopic").GetString());
        Assert.Equal("cafe", root.GetProperty("correlation").GetString());
        Assert.Equal("[[\"k\",\"v1\"],[\"k\",\"v2\"]]", root.GetProperty("user").GetRawText().Replace(" ", "", StringComparison.Ordinal));
    }
}
