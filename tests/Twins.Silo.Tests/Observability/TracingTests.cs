using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Trace;
using Twins.Silo.Api.Authentication;
using Twins.Silo.Observability;
using Twins.Testing;

namespace Twins.Silo.Tests.Observability;

/// <summary>
/// One trace per operation, exported to the in-memory exporter of a silo with tracing on: an MQTT message from a
/// vehicle (carrying its own traceparent) through the gateway to the reply, and a GraphQL mutation to the command
/// the vehicle receives, whose traceparent user property is read off the message mosquitto delivers; and the JSON log
/// line written inside a traced operation carries its trace and span ids.
/// </summary>
public sealed class TracingTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("twins-tracing-").FullName;
    private readonly SpanList _spans = new();
    private MosquittoBroker? _broker;
    private WebApplication? _app;
    private readonly ConcurrentQueue<string> _logLines = new();

    private Uri BaseAddress => new(_app!.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

    public async Task InitializeAsync()
    {
        _broker = await MosquittoBroker.StartAsync();
        _app = await TestSiloHost.StartAsync(_data, _broker.Port, ["--Twins:Tracing:Enabled", "true"], services =>
        {
            services.AddSiloTracing(tracing => tracing.AddInMemoryExporter(_spans));
            services.AddSingleton<ILoggerProvider>(sp => new JsonLogCapture(sp.GetServices<ConsoleFormatter>().Single(f => f.Name == ConsoleFormatterNames.Json), _logLines));
        });
    }

    public Task DisposeAsync() => TestSiloHost.StopAsync(_app, _broker, _data);

    [Fact]
    public async Task ShadowUpdate_VehicleSendsTraceparent_GatewayContinuesItAndTheReplyCarriesTheTrace()
    {
        var vehicleTrace = ActivityTraceId.CreateRandom();
        var vehicleSpan = ActivitySpanId.CreateRandom();
        await using var vehicle = await MqttVehicle.ConnectAsync(_broker!.Port, "trace-car-1", "$aws/things/trace-car-1/shadow/update/accepted");

        await vehicle.PublishAsync("$aws/things/trace-car-1/shadow/update", """{"state":{"reported":{"speed":42}}}""", ("traceparent", $"00-{vehicleTrace}-{vehicleSpan}-01"));
        var reply = await vehicle.NextAsync(t => t.EndsWith("/shadow/update/accepted", StringComparison.Ordinal), "the accepted reply");

        var (replyTrace, replyParent) = TraceParent(reply);
        Assert.Equal(vehicleTrace, replyTrace);
        var process = await SpanAsync(s => s.TraceId == vehicleTrace && s.Kind == ActivityKind.Consumer, "the gateway's process span");
        Assert.Equal(vehicleSpan, process.ParentSpanId);
        Assert.Equal("process $aws/things/{thingName}/shadow/{operation}", process.DisplayName);
        Assert.Equal("$aws/things/trace-car-1/shadow/update", process.GetTagItem("messaging.destination.name"));
        var publish = await SpanAsync(s => s.SpanId == replyParent, "the publish span the reply names");
        Assert.Equal(ActivityKind.Producer, publish.Kind);
        // The grain call sits in between (Orleans' client and grain spans), so the publish descends from the process span.
        Assert.True(await DescendsFromAsync(publish, process.SpanId), "the publish span descends from the gateway's process span");
        Assert.Equal("$aws/things/trace-car-1/shadow/update/accepted", publish.GetTagItem("messaging.destination.name"));
    }

    [Fact]
    public async Task SendCommandMutation_ConnectedVehicle_OneTraceFromTheHttpRequestToTheCommandTheVehicleReceives()
    {
        const string Thing = "trace-car-2";
        await using var vehicle = await MqttVehicle.ConnectAsync(_broker!.Port, Thing, $"$aws/commands/things/{Thing}/executions/+/request/json");
        await vehicle.ReportConnectedAsync(1);
        await Poll.UntilAsync(async () => (await _app!.Services.GetRequiredService<IGrainFactory>().GetGrain<Twins.Grains.Interfaces.Vehicles.IVehicleGrain>(Thing).GetConnectionAsync()).Connected, "the vehicle's connected event");
        var token = _app!.Services.GetRequiredService<ApiTokenIssuer>().IssueToken("test-operator", "operator", null, TimeSpan.FromHours(1));
        using var http = new HttpClient { BaseAddress = BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query = $$"""mutation Unlock { sendCommand(input: { thingName: "{{Thing}}", command: "unlock-doors" }) { commandExecution { executionId } errors { __typename } } }""" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await http.SendAsync(request);
        var command = await vehicle.NextAsync(t => t.EndsWith("/request/json", StringComparison.Ordinal), "the command request");

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var (trace, parent) = TraceParent(command);
        var server = await SpanAsync(s => s.TraceId == trace && s.Kind == ActivityKind.Server && s.Source.Name == "Microsoft.AspNetCore", "the HTTP server span");
        Assert.Equal(default, server.ParentSpanId);
        Assert.Equal("/graphql", server.GetTagItem("http.route"));
        var operation = await SpanAsync(s => s.TraceId == trace && s.Source.Name == "Twins.GraphQL", "the GraphQL operation span");
        Assert.Equal(server.SpanId, operation.ParentSpanId);
        Assert.Equal("mutation Unlock", operation.DisplayName);
        Assert.Equal("Unlock", operation.GetTagItem("graphql.operation.name"));
        var publish = await SpanAsync(s => s.SpanId == parent, "the publish span the command names");
        Assert.True(await DescendsFromAsync(publish, operation.SpanId), "the publish span descends from the GraphQL operation span");
        Assert.True(_spans.Snapshot().Any(s => s.TraceId == trace && s.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal)), "the grain call is in the trace");
        Assert.Equal(ActivityKind.Producer, publish.Kind);
    }

    [Fact]
    public async Task InvalidTelemetry_VehicleSendsTraceparent_TheGatewaysJsonLogLineCarriesTheTraceAndSpanIds()
    {
        var vehicleTrace = ActivityTraceId.CreateRandom();
        await using var vehicle = await MqttVehicle.ConnectAsync(_broker!.Port, "trace-car-3");

        await vehicle.PublishAsync("twins/vehicles/trace-car-3/telemetry", "not json", ("traceparent", $"00-{vehicleTrace}-{ActivitySpanId.CreateRandom()}-01"));

        var process = await SpanAsync(s => s.TraceId == vehicleTrace && s.Kind == ActivityKind.Consumer, "the gateway's process span");
        var line = Assert.Single(_logLines, l => l.Contains("trace-car-3/telemetry", StringComparison.Ordinal));
        var json = JsonNode.Parse(line)!;
        Assert.Equal(7403, (int)json["EventId"]!);
        var scope = Assert.Single(json["Scopes"]!.AsArray(), s => s?["TraceId"] is not null)!;
        Assert.Equal(vehicleTrace.ToHexString(), (string?)scope["TraceId"]);
        Assert.Equal(process.SpanId.ToHexString(), (string?)scope["SpanId"]);
    }

    private static (ActivityTraceId Trace, ActivitySpanId Parent) TraceParent(Twins.Mqtt.Client.MqttApplicationMessage message)
    {
        var traceparent = MqttVehicle.UserProperty(message, "traceparent");
        Assert.NotNull(traceparent);
        var parts = traceparent.Split('-');
        Assert.Equal(4, parts.Length);
        Assert.Equal("00", parts[0]);
        Assert.Equal(1, Convert.ToInt32(parts[3], 16) & 1); // sampled (a new root also sets W3C level 2's random-id bit)
        return (ActivityTraceId.CreateFromString(parts[1]), ActivitySpanId.CreateFromString(parts[2]));
    }

    // A span is exported when it ends, which may be just after the message that names it arrived.
    /// <summary>Whether <paramref name="span"/>'s chain of parents, as exported, reaches <paramref name="ancestor"/>.</summary>
    private async Task<bool> DescendsFromAsync(Activity span, ActivitySpanId ancestor)
    {
        var current = span;
        for (var depth = 0; depth < 16 && current.ParentSpanId != default; depth++)
        {
            if (current.ParentSpanId == ancestor)
            {
                return true;
            }

            var parentId = current.ParentSpanId;
            current = await SpanAsync(s => s.SpanId == parentId, "a parent span");
        }

        return false;
    }

    private async Task<Activity> SpanAsync(Func<Activity, bool> match, string what)
    {
        Activity? found = null;
        await Poll.UntilAsync(() => (found = _spans.Snapshot().FirstOrDefault(match)) is not null, what);
        return found!;
    }

    /// <summary>The in-memory exporter's collection, safe to read while spans end on other threads.</summary>
    private sealed class SpanList : ICollection<Activity>
    {
        private readonly List<Activity> _items = [];

        public int Count
        {
            get
            {
                lock (_items)
                {
                    return _items.Count;
                }
            }
        }

        public bool IsReadOnly => false;

        public Activity[] Snapshot()
        {
            lock (_items)
            {
                return [.. _items];
            }
        }

        public void Add(Activity item)
        {
            lock (_items)
            {
                _items.Add(item);
            }
        }

        public void Clear()
        {
            lock (_items)
            {
                _items.Clear();
            }
        }

        public bool Contains(Activity item) => Snapshot().Contains(item);

        public void CopyTo(Activity[] array, int arrayIndex) => Snapshot().CopyTo(array, arrayIndex);

        public bool Remove(Activity item)
        {
            lock (_items)
            {
                return _items.Remove(item);
            }
        }

        public IEnumerator<Activity> GetEnumerator() => ((IEnumerable<Activity>)Snapshot()).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
