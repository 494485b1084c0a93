using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Twins.Mqtt.Client;
using Twins.Mqtt.Packets;
using Twins.Silo.Api.Authentication;
using Twins.Silo.Hosting;

namespace Twins.Bench.FleetApi;

/// <summary>
/// A vehicle publishes a reported shadow update (QoS 1) through mosquitto; the gateway hands it to the
/// vehicle grain, which writes it, publishes <c>/update/accepted</c> and notifies its observer, and the
/// <c>vehicleChanged</c> subscription delivers it to a graphql-transport-ws client. Sequential: one update
/// in flight. Baseline: the same publish's <c>/update/accepted</c> arriving back at the vehicle (the path
/// without observer, GraphQL and WebSocket).
/// </summary>
internal sealed class SubscriptionLatencyBenchmark : IBenchmark
{
    private const double TargetP99Ms = 50;
    private const string Thing = "bench-sub-1";

    public string Name => "fleet-subscription";

    public string Description => "Fleet API: reported shadow update published by a vehicle -> vehicleChanged at a WebSocket client, p50/p99 vs the vehicle's own /update/accepted (args: [updates])";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var updates = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
        await using var broker = await MqttBenchBroker.StartAsync([], cancellationToken);
        var data = Directory.CreateTempSubdirectory("twins-bench-sub-").FullName;
        var app = SiloApplication.Build(
            [
                "--urls", "http://127.0.0.1:0",
                "--Twins:DataDirectory", data,
                "--Gateway:Port", broker.Port.ToString(CultureInfo.InvariantCulture),
                "--Gateway:ClientIdPrefix", "bench-sub-gw",
            ],
            services => services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)));
        await app.StartAsync(cancellationToken);
        try
        {
            await app.Services.GetRequiredService<Twins.Gateway.GatewayService>().Started.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            await using var vehicle = new MqttClient();
            await vehicle.ConnectAsync(new MqttClientOptions { Host = MqttBenchBroker.Host, Port = broker.Port, ClientId = Thing }, cancellationToken);
            var accepted = vehicle.CreateConsumer();
            await vehicle.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter($"$aws/things/{Thing}/shadow/update/accepted", MqttQualityOfServiceLevel.AtLeastOnce).WithConsumer(accepted).Build(), cancellationToken);

            // The first update creates the vehicle's index row and activation.
            await PublishAsync(vehicle, 0, cancellationToken);
            await accepted.ReadAsync(cancellationToken);

            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            var token = app.Services.GetRequiredService<ApiTokenIssuer>().IssueToken("bench", "operator", null, TimeSpan.FromHours(1));
            using var socket = new ClientWebSocket();
            socket.Options.AddSubProtocol("graphql-transport-ws");
            await socket.ConnectAsync(new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal) + "/graphql"), cancellationToken);
            await SendAsync(socket, new { type = "connection_init", payload = new { authorization = "Bearer " + token } }, cancellationToken);
            await ReceiveAsync(socket, cancellationToken); // connection_ack
            await SendAsync(socket, new { id = "1", type = "subscribe", payload = new { query = $"subscription {{ vehicleChanged(thingName: \"{Thing}\") {{ kind shadowVersion }} }}" } }, cancellationToken);

            // Wait until the observer is registered: publish until a change arrives (cancelling a
            // ClientWebSocket receive aborts the socket, so one receive stays pending across probes).
            var sequence = 1;
            var first = ReceiveAsync(socket, cancellationToken);
            while (true)
            {
                await PublishAsync(vehicle, sequence++, cancellationToken);
                await accepted.ReadAsync(cancellationToken);
                if (await Task.WhenAny(first, Task.Delay(TimeSpan.FromSeconds(1), cancellationToken)) == first)
                {
                    break;
                }
            }

            await first;
            Console.WriteLine($"{updates} sequential reported updates (after 50 warm-up) through mosquitto, the gateway and the vehicle grain (SQLite)");
            var api = new List<double>(updates);
            var baseline = new List<double>(updates);
            for (var i = -50; i < updates; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await PublishAsync(vehicle, sequence++, cancellationToken);
                var acceptedTask = accepted.ReadAsync(cancellationToken).AsTask().ContinueWith(_ => Stopwatch.GetElapsedTime(start).TotalMilliseconds, cancellationToken, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                await ReceiveAsync(socket, cancellationToken);
                var changed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                var echoed = await acceptedTask;
                if (i >= 0)
                {
                    api.Add(changed);
                    baseline.Add(echoed);
                }
            }

            var (p50, p99) = Percentiles(api);
            var (b50, b99) = Percentiles(baseline);
            Console.WriteLine($"  vehicleChanged at WebSocket   p50 {p50,7:F2} ms   p99 {p99,7:F2} ms");
            Console.WriteLine($"  /update/accepted (baseline)   p50 {b50,7:F2} ms   p99 {b99,7:F2} ms");
            Console.WriteLine($"  ratio                         p50 {p50 / b50,7:F2}x    p99 {p99 / b99,7:F2}x");
            Console.WriteLine($"  target p99 <= {TargetP99Ms} ms: {(p99 <= TargetP99Ms ? "met" : "MISSED")}");
            return 0;
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task PublishAsync(MqttClient vehicle, int sequence, CancellationToken cancellationToken) =>
        await vehicle.PublishAsync(new MqttApplicationMessage
        {
            Topic = $"$aws/things/{Thing}/shadow/update",
            Payload = Encoding.UTF8.GetBytes("{\"state\":{\"reported\":{\"odometer\":" + sequence.ToString(CultureInfo.InvariantCulture) + "}}}"),
            QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
        }, cancellationToken);

    private static Task SendAsync(ClientWebSocket socket, object message, CancellationToken cancellationToken) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, cancellationToken);

    private static async Task<string> ReceiveAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        var length = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
            length += result.Count;
            if (result.EndOfMessage)
            {
                var text = Encoding.UTF8.GetString(buffer, 0, length);
                if (text.Contains("\"ping\"", StringComparison.Ordinal))
                {
                    await SendAsync(socket, new { type = "pong" }, cancellationToken);
                    length = 0;
                    continue;
                }

                return text;
            }
        }
    }

    private static (double P50, double P99) Percentiles(List<double> samples)
    {
        samples.Sort();
        return (samples[samples.Count / 2], samples[Math.Min(samples.Count - 1, (int)Math.Ceiling(samples.Count * 0.99) - 1)]);
    }
}
