using System.Globalization;
using System.Text;
using Twins.Mqtt.Client;
using Twins.Mqtt.Packets;

namespace Twins.Bench;

/// <summary>
/// The baseline of <see cref="SimulatorFleetBenchmark"/>, run as its own process: N bare MQTT clients,
/// each connecting, publishing one connected event and then a fixed telemetry-sized payload every second
/// (no state, no JSON building, no subscriptions).
/// </summary>
internal static class BareFleet
{
    public const string Mode = "--bare";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var count = int.Parse(args[1], CultureInfo.InvariantCulture);
        var port = int.Parse(args[2], CultureInfo.InvariantCulture);
        var payload = Encoding.UTF8.GetBytes(
            """{"timestamp":1795286678591,"seq":1795286678591,"signals":{"speed":42.4,"latitude":52.412197,"longitude":10.777328,"odometer":44825.12,"stateOfCharge":82.84,"charging":false,"doorsLocked":true,"climateOn":false,"tyrePressureFrontLeft":2.587,"tyrePressureFrontRight":2.405,"tyrePressureRearLeft":2.579,"tyrePressureRearRight":2.573}}""");
        var clients = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"Bare_{i:D6}");
            clients.Add(Task.Run(() => RunClientAsync(id, port, payload, cancellationToken), CancellationToken.None));
        }

        try
        {
            await Task.WhenAll(clients);
        }
        catch (OperationCanceledException)
        {
        }

        return 0;
    }

    private static async Task RunClientAsync(string id, int port, byte[] payload, CancellationToken cancellationToken)
    {
        await using var client = new MqttClient();
        var options = new MqttClientOptionsBuilder().WithTcpServer(MqttBenchBroker.Host, port).WithClientId(id).Build();

        // Like the simulator: a refused connect (listen backlog full while thousands connect) is retried after a jittered pause.
        while (true)
        {
            try
            {
                await client.ConnectAsync(options, cancellationToken);
                break;
            }
            catch (MqttConnectingFailedException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(100, 1000)), cancellationToken);
            }
        }

        await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("$aws/events/presence/connected/" + id)
            .WithPayload("""{"eventType":"connected"}""").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancellationToken);
        var topic = $"twins/vehicles/{id}/telemetry";
        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1000)), cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).Build(), cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }
}
