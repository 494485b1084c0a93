using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Twins.Actors.Hosting;
using Twins.Actors.Invocation;
using Twins.Actors.Tests.Grains;

namespace Twins.Actors.Tests;

public sealed class GrainRuntimeTests : IAsyncLifetime
{
    private ClusterFixture _fixture = null!;

    public async Task InitializeAsync() => _fixture = await ClusterFixture.StartAsync(silo => silo
        .AddIncomingGrainCallFilter<JournalCallFilter>()
        .AddOutgoingGrainCallFilter<JournalCallFilter>());

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task Filters_AroundACall_RunOutgoingThenIncomingAndMayChangeTheResult()
    {
        var grain = _fixture.Client.GetGrain<ITurnGrain>("filtered");

        var count = await grain.CountAsync();

        Assert.Equal(2, count);
        Assert.Equal(["out:ITurnGrain.CountAsync:turn/filtered", "in:ITurnGrain.CountAsync:TurnGrain"], _fixture.Journal.Entries);
    }

    [Fact]
    public void GetGrain_GuidKey_PrintsTheGuid()
    {
        var key = Guid.Parse("8a3c5a6e-2f1b-4c7d-9e0f-123456789abc");

        var grain = _fixture.Client.GetGrain<IBrokenStoreGrain>(key);

        Assert.Equal("brokenstore/8a3c5a6e-2f1b-4c7d-9e0f-123456789abc", grain.GetGrainId().ToString());
        Assert.Equal(key, grain.GetPrimaryKey());
    }

    [Fact]
    public void Codec_RequestWithRecordAndReference_RoundTripsThroughJson()
    {
        var codec = _fixture.Cluster.Primary.Services.GetRequiredService<GrainCodec>();
        var observer = _fixture.Client.CreateObjectReference<IChatObserver>(new ChatObserver());
        var chat = GrainInterfaceRegistry.Get(typeof(IChatGrain));
        var receive = GrainInterfaceRegistry.Get(typeof(IChatObserver));
        var subscribe = chat.CreateRequest(0);
        subscribe.SetArgument(0, observer);
        var greet = receive.CreateRequest(0);
        greet.SetArgument(0, new Greeting("hi", 3));

        var subscribeCopy = RoundTrip(codec, subscribe, chat.CreateRequest(0));
        var greetCopy = RoundTrip(codec, greet, receive.CreateRequest(0));

        Assert.Equal(observer.GetGrainId(), ((IAddressable)subscribeCopy.GetArgument(0)!).GetGrainId());
        Assert.IsAssignableFrom<IChatObserver>(subscribeCopy.GetArgument(0));
        Assert.Equal(new Greeting("hi", 3), greetCopy.GetArgument(0));
    }

    private static GrainRequest RoundTrip(GrainCodec codec, GrainRequest request, GrainRequest empty)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            request.WriteArguments(writer, codec);
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        empty.ReadArguments(ref reader, codec);
        return empty;
    }
}
