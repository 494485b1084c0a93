using System.Text;
using System.Text.Json;
using Twins.Actors.Storage;
using Twins.Actors.Tests.Grains;

namespace Twins.Actors.Tests;

/// <summary>
/// The contract every grain storage provider passes. A provider's test class derives from this and
/// creates the provider (and corrupts a record) its own way.
/// </summary>
public abstract class GrainStorageTests
{
    private static readonly GrainId Vehicle = new("vehicle", "WVW123");

    protected static IGrainStateSerializer Serializer { get; } =
        new JsonGrainStateSerializer(new JsonSerializerOptions { TypeInfoResolver = TestJsonContext.Default });

    /// <summary>A fresh, empty store.</summary>
    protected abstract Task<IGrainStorage> CreateStorageAsync();

    /// <summary>Overwrites a record's stored bytes with <paramref name="data"/>.</summary>
    protected abstract Task CorruptAsync(IGrainStorage storage, string stateName, GrainId grainId, byte[] data);

    [Fact]
    public async Task Read_NoRecord_ReportsNoneAndKeepsTheDefault()
    {
        var storage = await CreateStorageAsync();
        var state = new GrainState<LifecycleState>(new LifecycleState { Note = "default" });

        await storage.ReadStateAsync("shadow", Vehicle, state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Equal("default", state.State.Note);
    }

    [Fact]
    public async Task Write_ThenRead_RoundTripsStateAndETag()
    {
        var storage = await CreateStorageAsync();
        var written = new GrainState<LifecycleState>(new LifecycleState { Value = 7, Note = "über" });

        await storage.WriteStateAsync("shadow", Vehicle, written);
        var read = new GrainState<LifecycleState>(new LifecycleState());
        await storage.ReadStateAsync("shadow", Vehicle, read);

        Assert.True(read.RecordExists);
        Assert.NotNull(written.ETag);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(new LifecycleState { Value = 7, Note = "über" }, read.State);
    }

    [Fact]
    public async Task Write_Twice_ChangesETag()
    {
        var storage = await CreateStorageAsync();
        var state = new GrainState<LifecycleState>(new LifecycleState { Value = 1 });

        await storage.WriteStateAsync("shadow", Vehicle, state);
        var first = state.ETag;
        state.State = new LifecycleState { Value = 2 };
        await storage.WriteStateAsync("shadow", Vehicle, state);

        Assert.NotEqual(first, state.ETag);
    }

    [Fact]
    public async Task Write_StaleETag_ThrowsInconsistentStateAndKeepsTheNewerState()
    {
        var storage = await CreateStorageAsync();
        var first = new GrainState<LifecycleState>(new LifecycleState { Value = 1 });
        await storage.WriteStateAsync("shadow", Vehicle, first);
        var second = new GrainState<LifecycleState>(new LifecycleState());
        await storage.ReadStateAsync("shadow", Vehicle, second);
        second.State = new LifecycleState { Value = 2 };
        await storage.WriteStateAsync("shadow", Vehicle, second);

        first.State = new LifecycleState { Value = 99 };
        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("shadow", Vehicle, first));

        var read = new GrainState<LifecycleState>(new LifecycleState());
        await storage.ReadStateAsync("shadow", Vehicle, read);
        Assert.Equal(2, read.State.Value);
        Assert.Contains("vehicle/WVW123", error.Message, StringComparison.Ordinal);
        Assert.Equal(second.ETag, error.StoredETag);
    }

    [Fact]
    public async Task Write_NoETagWhileARecordExists_ThrowsInconsistentState()
    {
        var storage = await CreateStorageAsync();
        await storage.WriteStateAsync("shadow", Vehicle, new GrainState<LifecycleState>(new LifecycleState { Value = 1 }));

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.WriteStateAsync("shadow", Vehicle, new GrainState<LifecycleState>(new LifecycleState { Value = 2 })));
    }

    [Fact]
    public async Task Write_ETagWhileNoRecordExists_ThrowsInconsistentState()
    {
        var storage = await CreateStorageAsync();
        var state = new GrainState<LifecycleState>(new LifecycleState()) { ETag = "invented" };

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("shadow", Vehicle, state));
    }

    [Fact]
    public async Task Clear_ThenRead_RecordIsGone()
    {
        var storage = await CreateStorageAsync();
        var state = new GrainState<LifecycleState>(new LifecycleState { Value = 3 });
        await storage.WriteStateAsync("shadow", Vehicle, state);

        await storage.ClearStateAsync("shadow", Vehicle, state);
        var read = new GrainState<LifecycleState>(new LifecycleState());
        await storage.ReadStateAsync("shadow", Vehicle, read);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.False(read.RecordExists);
    }

    [Fact]
    public async Task Clear_StaleETag_ThrowsInconsistentState()
    {
        var storage = await CreateStorageAsync();
        var stale = new GrainState<LifecycleState>(new LifecycleState { Value = 1 });
        await storage.WriteStateAsync("shadow", Vehicle, stale);
        var fresh = new GrainState<LifecycleState>(new LifecycleState());
        await storage.ReadStateAsync("shadow", Vehicle, fresh);
        await storage.WriteStateAsync("shadow", Vehicle, fresh);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("shadow", Vehicle, stale));
    }

    [Fact]
    public async Task Write_ETagFromBeforeAClearAndRecreate_IsRejected()
    {
        var storage = await CreateStorageAsync();
        var old = new GrainState<LifecycleState>(new LifecycleState { Value = 1 });
        await storage.WriteStateAsync("shadow", Vehicle, old);
        var other = new GrainState<LifecycleState>(new LifecycleState());
        await storage.ReadStateAsync("shadow", Vehicle, other);
        await storage.ClearStateAsync("shadow", Vehicle, other);
        await storage.WriteStateAsync("shadow", Vehicle, other);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("shadow", Vehicle, old));
    }

    [Fact]
    public async Task Write_DifferentNamesAndGrains_AreIndependent()
    {
        var storage = await CreateStorageAsync();
        var other = new GrainId("vehicle", "OTHER");

        await storage.WriteStateAsync("shadow", Vehicle, new GrainState<LifecycleState>(new LifecycleState { Value = 1 }));
        await storage.WriteStateAsync("telemetry", Vehicle, new GrainState<LifecycleState>(new LifecycleState { Value = 2 }));
        await storage.WriteStateAsync("shadow", other, new GrainState<LifecycleState>(new LifecycleState { Value = 3 }));

        var values = new List<int>();
        foreach (var (name, id) in new[] { ("shadow", Vehicle), ("telemetry", Vehicle), ("shadow", other) })
        {
            var read = new GrainState<LifecycleState>(new LifecycleState());
            await storage.ReadStateAsync(name, id, read);
            values.Add(read.State.Value);
        }

        Assert.Equal([1, 2, 3], values);
    }

    [Fact]
    public async Task Read_CorruptRecord_ThrowsStorageErrorNamingGrainAndState()
    {
        var storage = await CreateStorageAsync();
        await CorruptAsync(storage, "shadow", Vehicle, Encoding.UTF8.GetBytes("{\"Value\": \"not a number"));

        var error = await Assert.ThrowsAsync<GrainStorageException>(() =>
            storage.ReadStateAsync("shadow", Vehicle, new GrainState<LifecycleState>(new LifecycleState())));

        Assert.Contains("'shadow'", error.Message, StringComparison.Ordinal);
        Assert.Contains("vehicle/WVW123", error.Message, StringComparison.Ordinal);
    }
}
