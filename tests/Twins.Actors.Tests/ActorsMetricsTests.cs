using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Twins.Actors.Tests.Grains;

namespace Twins.Actors.Tests;

public sealed class ActorsMetricsTests : IAsyncLifetime, IDisposable
{
    private readonly ConcurrentDictionary<string, double> _totals = new();
    private readonly MeterListener _listener = new();
    private ClusterFixture _fixture = null!;

    public async Task InitializeAsync()
    {
        _fixture = await ClusterFixture.StartAsync();
        // Only this silo's meter: other test classes run silos in the same process.
        var factory = _fixture.Cluster.Primary.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Twins.Actors" && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => _totals.AddOrUpdate(instrument.Name, value, (_, total) => total + value));
        _listener.SetMeasurementEventCallback<double>((instrument, _, _, _) => _totals.AddOrUpdate(instrument.Name + ".count", 1, (_, total) => total + 1));
        _listener.Start();
    }

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task Instruments_CallsActivationsAndStorage_AreRecorded()
    {
        var grain = _fixture.Client.GetGrain<IStateGrain>("measured");

        await grain.SetAsync(1);
        await grain.SetAsync(2);
        await Assert.ThrowsAsync<ArgumentException>(() => _fixture.Client.GetGrain<ITurnGrain>("m").ThrowAsync("no"));
        await grain.DeactivateAsync();
        await grain.GetAsync();

        Assert.Equal(5, _totals.GetValueOrDefault("twins.actors.calls"));
        Assert.Equal(5, _totals.GetValueOrDefault("twins.actors.call.duration.count"));
        Assert.Equal(1, _totals.GetValueOrDefault("twins.actors.call.failures"));
        Assert.Equal(3, _totals.GetValueOrDefault("twins.actors.activations"));
        Assert.Equal(1, _totals.GetValueOrDefault("twins.actors.deactivations"));
        // Reads on two activations of the state grain, then two writes.
        Assert.Equal(4, _totals.GetValueOrDefault("twins.actors.storage.duration.count"));
    }
}
