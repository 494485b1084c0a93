using System.Text;
using Twins.Mqtt.Client;
using Twins.Mqtt.Packets;
using Twins.Testing;
using static Twins.Mqtt.Tests.MqttTestClients;
using Net = MQTTnet;
using NetQos = MQTTnet.Protocol.MqttQualityOfServiceLevel;

namespace Twins.Mqtt.Tests.Client;

/// <summary>
/// Interoperability with MQTTnet 5.2 (a third independent MQTT 5 implementation beside mosquitto's clients and paho)
/// through a real mosquitto: both directions at QoS 0 and 1, retained messages, wills, request/response properties,
/// shared subscriptions.
/// </summary>
public sealed class MqttClientMqttNetInteropTests(MosquittoFixture fixture) : IClassFixture<MosquittoFixture>
{
    private MosquittoBroker Broker => fixture.Broker;

    [Theory]
    [InlineData(NetQos.AtMostOnce, MqttQualityOfServiceLevel.AtMostOnce)]
    [InlineData(NetQos.AtLeastOnce, MqttQualityOfServiceLevel.AtLeastOnce)]
    public async Task MqttNetPublish_WithRequestResponseProperties_IsReceivedWithEveryProperty(NetQos sent, MqttQualityOfServiceLevel expected)
    {
        var topic = $"interop/mqttnet/{Guid.NewGuid():N}";
        await using var client = await ConnectAsync(Broker, NewId("interop"));
        var consumer = await SubscribeAsync(client, topic, MqttQualityOfServiceLevel.AtLeastOnce);
        await using var peer = await MqttNetPeer.ConnectAsync(MosquittoBroker.Host, Broker.Port, NewId("mqttnet-pub"));

        await peer.Client.PublishAsync(new Net.MqttApplicationMessageBuilder().WithTopic(topic).WithPayload("""{"from":"mqttnet"}""").WithQualityOfServiceLevel(sent)
            .WithContentType("application/json").WithResponseTopic("replies/mqttnet").WithCorrelationData([9, 8, 7])
            .WithUserProperty("origin", MqttNetPeer.Utf8("mqttnet")).WithUserProperty("origin", MqttNetPeer.Utf8("dotnet")).WithMessageExpiryInterval(60).Build());

        var message = (await consumer.ReceiveAsync()).ApplicationMessage;
        Assert.Equal("""{"from":"mqttnet"}""", message.ConvertPayloadToString());
        Assert.Equal(expected, message.QualityOfServiceLevel);
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal("replies/mqttnet", message.ResponseTopic);
        Assert.Equal(new byte[] { 9, 8, 7 }, message.CorrelationData.ToArray());
        Assert.Equal([new MqttUserProperty("origin", "mqttnet"), new MqttUserProperty("origin", "dotnet")], message.UserProperties);
        Assert.InRange(message.MessageExpiryInterval, 1u, 60u);
    }

    [Theory]
    [InlineData(MqttQualityOfServiceLevel.AtMostOnce, NetQos.AtMostOnce)]
    [InlineData(MqttQualityOfServiceLevel.AtLeastOnce, NetQos.AtLeastOnce)]
    public async Task OurPublish_WithRequestResponseProperties_IsReceivedByMqttNet(MqttQualityOfServiceLevel sent, NetQos expected)
    {
        var topic = $"interop/mqttnet/{Guid.NewGuid():N}";
        await using var peer = await MqttNetPeer.ConnectAsync(MosquittoBroker.Host, Broker.Port, NewId("mqttnet-sub"));
        await peer.SubscribeAsync(topic, NetQos.AtLeastOnce);
        await using var client = await ConnectAsync(Broker, NewId("interop"));

        await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload("to mqttnet").WithQualityOfServiceLevel(sent)
            .WithContentType("text/plain").WithResponseTopic("replies/twins").WithCorrelationData(new byte[] { 0xCA, 0xFE })
            .WithUserProperty("k", "v1").WithUserProperty("k", "v2").Build());

        var message = await peer.ReceiveAsync();
        Assert.Equal(topic, message.Topic);
        Assert.Equal("to mqttnet", MqttNetPeer.Text(message));
        Assert.Equal(expected, message.QualityOfServiceLevel);
        Assert.Equal("text/plain", message.ContentType);
        Assert.Equal("replies/twins", message.ResponseTopic);
        Assert.Equal(new byte[] { 0xCA, 0xFE }, message.CorrelationData);
        Assert.Equal(["k=v1", "k=v2"], MqttNetPeer.UserProperties(message));
    }

    [Fact]
    public async Task Retained_EachWayIsDeliveredToALaterSubscriberWithTheRetainFlag()
    {
        var ours = $"interop/mqttnet/retained/{Guid.NewGuid():N}";
        var theirs = $"interop/mqttnet/retained/{Guid.NewGuid():N}";
        await using (var publisher = await ConnectAsync(Broker, NewId("interop")))
        {
            await publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(ours).WithPayload("kept by twins").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag().Build());
        }

        await using (var publisher = await MqttNetPeer.ConnectAsync(MosquittoBroker.Host, Broker.Port, NewId("mqttnet-pub")))
        {
            await publisher.Client.PublishAsync(new Net.MqttApplicationMessageBuilder().WithTopic(theirs).WithPayload("kept by mqttnet").WithQualityOfServiceLevel(NetQos.AtLeastOnce).WithRetainFlag().Build());
        }

        await using var peer = await MqttNetPeer.ConnectAsync(MosquittoBroker.Host, Broker.Port, NewId("mqttnet-sub"));
        await peer.SubscribeAsync(ours, NetQos.AtLeastOnce);
        await using var client = await ConnectAsync(Broker, NewId("interop"));
        var consumer = await SubscribeAsync(client, theirs);

        var atPeer = await peer.ReceiveAsync();
        var atUs = (await consumer.ReceiveAsync()).ApplicationMessage;
        Assert.Equal(("kept by twins", true), (MqttNetPeer.Text(atPeer), atPeer.Retain));
        Assert.Equal(("kept by mqttnet", true), (atUs.ConvertPayloadToString(), atUs.Retain));
    }

    [Fact]
    public async Task Will_EachWayIsPublishedWhenTheClientLeavesWithDisconnectWithWill()
    {
        var ourWill = $"interop/mqttnet/will/{Guid.NewGuid():N}";
        var theirWill = $"interop/mqttnet/will/{Guid.NewGuid():N}";
        await using var watcher = await ConnectAsync(Broker, NewId("interop"));
        var consumer = await SubscribeAsync(watcher, theirWill);
        await using var peerWatcher = await MqttNetPeer.ConnectAsync(MosquittoBroker.Host, Broker.Port, NewId("mqttnet-watch"));
        await peerWatcher.SubscribeAsync(ourWill, NetQos.AtLeastOnce);

        await using var leaving = await MqttNetPeer.ConnectAsync(MosquittoBroker.Host, Broker.Port, NewId("mqttnet-will"), b => b
            .WithWillTopic(theirWill).WithWillPayload("mqttnet gone").WithWillQualityOfServiceLevel(NetQos.AtLeastOnce).WithWillContentType("text/plain"));
        await leaving.Client.DisconnectAsync(new Net.MqttClientDisconnectOptionsBuilder().WithReason(Net.MqttClientDisconnectOptionsReason.DisconnectWithWillMessage).Build());
        await using var ours = await ConnectAsync(Broker, NewId("interop-will"), b => b
            .WithWill(new MqttApplicationMessageBuilder().WithTopic(ourWill).WithPayload("twins gone").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build()));
        await ours.DisconnectAsync(new MqttClientDisconnectOptions { ReasonCode = MqttReasonCode.DisconnectWithWillMessage });

        var theirs = (await consumer.ReceiveAsync()).ApplicationMessage;
        Assert.Equal(("mqttnet gone", "text/plain"), (theirs.ConvertPayloadToString(), theirs.ContentType));
        Assert.Equal("twins gone", MqttNetPeer.Text(await peerWatcher.ReceiveAsync()));
    }

    [Fact]
    public async Task RequestResponse_OurRequestClient_AnsweredByAnMqttNetResponder()
    {
        var requests = $"interop/mqttnet/requests/{Guid.NewGuid():N}";
        await using var responder = await MqttNetPeer.ConnectAsync(MosquittoBroker.Host, Broker.Port, NewId("mqttnet-responder"));
        responder.Client.ApplicationMessageReceivedAsync += async e =>
        {
            var request = e.ApplicationMessage;
            await responder.Client.PublishAsync(new Net.MqttApplicationMessageBuilder().WithTopic(request.ResponseTopic).WithCorrelationData(request.CorrelationData)
                .WithPayload("answer to " + MqttNetPeer.Text(request)).WithQualityOfServiceLevel(NetQos.AtLeastOnce).Build());
        };
        await responder.SubscribeAsync(requests, NetQos.AtLeastOnce);
        await using var client = await ConnectAsync(Broker, NewId("interop"));
        await using var requester = await MqttRequestClient.CreateAsync(client, $"interop/mqttnet/replies/{Guid.NewGuid():N}");

        var first = requester.RequestAsync(Message(requests, "first"), Wait);
        var second = requester.RequestAsync(Message(requests, "second"), Wait);

        Assert.Equal("answer to first", (await first).ConvertPayloadToString());
        Assert.Equal("answer to second", (await second).ConvertPayloadToString());
    }

    [Fact]
    public async Task SharedSubscription_OurClientAndMqttNetInOneGroup_EachMessageDeliveredOnce()
    {
        var topic = $"interop/mqttnet/shared/{Guid.NewGuid():N}";
        var group = "$share/interop-" + Guid.NewGuid().ToString("N")[..8] + "/" + topic;
        await using var member = await ConnectAsync(Broker, NewId("interop-member"));
        var consumer = await SubscribeAsync(member, group);
        await using var peer = await MqttNetPeer.ConnectAsync(MosquittoBroker.Host, Broker.Port, NewId("mqttnet-member"));
        await peer.SubscribeAsync(group, NetQos.AtLeastOnce);
        await using var publisher = await MqttNetPeer.ConnectAsync(MosquittoBroker.Host, Broker.Port, NewId("mqttnet-pub"));
        const int Count = 40;

        for (var i = 0; i < Count; i++)
        {
            await publisher.Client.PublishAsync(new Net.MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(i.ToString(System.Globalization.CultureInfo.InvariantCulture)).WithQualityOfServiceLevel(NetQos.AtLeastOnce).Build());
        }

        var seen = new List<string>();
        var byUs = 0;
        var byPeer = 0;
        await Poll.UntilAsync(() =>
        {
            while (consumer.TryRead(out var received))
            {
                seen.Add(received.ApplicationMessage.ConvertPayloadToString());
                byUs++;
            }

            while (peer.TryReceive(out var received))
            {
                seen.Add(MqttNetPeer.Text(received!));
                byPeer++;
            }

            return seen.Count >= Count;
        }, "every shared message to reach one member");

        Assert.Equal(Enumerable.Range(0, Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(), seen.Order());
        Assert.True(byUs > 0 && byPeer > 0, $"mosquitto spreads a group's messages over its members: ours {byUs}, MQTTnet {byPeer}");
    }
}
