using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Twins.Providers.Tests.Contracts;

/// <summary>
/// Orleans' <see cref="IGrainStorage"/> contract, run against each store: ETags, RecordExists, stale writes and
/// clears rejected with <see cref="InconsistentStateException"/> and nothing written.
/// </summary>
public abstract class GrainStorageContractTests
{
    private const string StateName = "state";

    /// <summary>A storage of the store under test for service <paramref name="serviceId"/>; every call of one test sees the same store.</summary>
    protected abstract Task<IGrainStorage> CreateStorageAsync(string serviceId = "service", bool deleteStateOnClear = false);

    private static GrainId NewGrain() => GrainId.Create("vehicle", "VIN-" + Guid.NewGuid().ToString("N"));

    private static GrainState<TestState> State(TestState value, string? etag = null) => new() { State = value, ETag = etag };

    private static async Task<GrainState<TestState>> ReadAsync(IGrainStorage storage, GrainId grain, string stateName = StateName)
    {
        var read = State(new TestState { Name = "not read" });
        await storage.ReadStateAsync(stateName, grain, read);
        return read;
    }

    [Fact]
    public async Task Read_NothingStored_FreshStateWithoutETag()
    {
        var storage = await CreateStorageAsync();

        var read = await ReadAsync(storage, NewGrain());

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Equal(new TestState(), read.State);
    }

    [Fact]
    public async Task Write_ThenRead_ReturnsStateAndETag()
    {
        var storage = await CreateStorageAsync();
        var grain = NewGrain();
        var state = State(new TestState { Name = "Привет, мир", Count = 3, Mileage = 12.5 });

        await storage.WriteStateAsync(StateName, grain, state);
        var read = await ReadAsync(storage, grain);

        Assert.True(state.RecordExists);
        Assert.NotNull(state.ETag);
        Assert.True(read.RecordExists);
        Assert.Equal(state.ETag, read.ETag);
        Assert.Equal(state.State, read.State);
    }

    [Fact]
    public async Task Write_Twice_ChangesETagEachTime()
    {
        var storage = await CreateStorageAsync();
        var grain = NewGrain();
        var state = State(new TestState { Count = 1 });

        await storage.WriteStateAsync(StateName, grain, state);
        var first = state.ETag;
        await storage.WriteStateAsync(StateName, grain, state);

        Assert.NotEqual(first, state.ETag);
        Assert.Equal(state.ETag, (await ReadAsync(storage, grain)).ETag);
    }

    [Fact]
    public async Task Write_StaleETag_ThrowsInconsistentStateAndWritesNothing()
    {
        var storage = await CreateStorageAsync();
        var grain = NewGrain();
        var current = State(new TestState { Name = "initial" });
        await storage.WriteStateAsync(StateName, grain, current);
        var stale = State(new TestState { Name = "stale" }, current.ETag);
        current.State = new TestState { Name = "latest" };
        await storage.WriteStateAsync(StateName, grain, current);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grain, stale));

        var read = await ReadAsync(storage, grain);
        Assert.Equal("latest", read.State?.Name);
        Assert.Equal(current.ETag, read.ETag);
    }

    [Fact]
    public async Task Write_NoETagOverExistingRecord_ThrowsInconsistentStateAndWritesNothing()
    {
        var storage = await CreateStorageAsync();
        var grain = NewGrain();
        var first = State(new TestState { Name = "first" });
        await storage.WriteStateAsync(StateName, grain, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grain, State(new TestState { Name = "second activation" })));

        Assert.Equal("first", (await ReadAsync(storage, grain)).State?.Name);
    }

    [Fact]
    public async Task Write_ConcurrentWritersWithSameETag_ExactlyOneWins()
    {
        var storage = await CreateStorageAsync();
        var grain = NewGrain();
        var initial = State(new TestState { Name = "initial" });
        await storage.WriteStateAsync(StateName, grain, initial);
        var writers = Enumerable.Range(0, 8).Select(i => State(new TestState { Name = $"writer {i}", Count = i }, initial.ETag)).ToArray();

        var outcomes = await Task.WhenAll(writers.Select(async writer =>
        {
            try
            {
                await storage.WriteStateAsync(StateName, grain, writer);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));

        var winner = Assert.Single(writers.Where((_, i) => outcomes[i]));
        var read = await ReadAsync(storage, grain);
        Assert.Equal(winner.State, read.State);
        Assert.Equal(winner.ETag, read.ETag);
    }

    [Fact]
    public async Task Clear_ThenRead_NoRecordAndFreshState()
    {
        var storage = await CreateStorageAsync();
        var grain = NewGrain();
        var state = State(new TestState { Name = "to clear", Count = 7 });
        await storage.WriteStateAsync(StateName, grain, state);
        var written = state.ETag;

        await storage.ClearStateAsync(StateName, grain, state);
        var read = await ReadAsync(storage, grain);

        Assert.False(state.RecordExists);
        Assert.NotEqual(written, state.ETag);
        Assert.Equal(new TestState(), state.State);
        Assert.False(read.RecordExists);
        Assert.Equal(new TestState(), read.State);
        Assert.Equal(state.ETag, read.ETag);
    }

    [Fact]
    public async Task Clear_ThenWriteWithClearedETag_RecordExistsAgain()
    {
        var storage = await CreateStorageAsync();
        var grain = NewGrain();
        var state = State(new TestState { Name = "first life" });
        await storage.WriteStateAsync(StateName, grain, state);
        await storage.ClearStateAsync(StateName, grain, state);

        state.State = new TestState { Name = "second life" };
        await storage.WriteStateAsync(StateName, grain, state);

        var read = await ReadAsync(storage, grain);
        Assert.True(read.RecordExists);
        Assert.Equal("second life", read.State?.Name);
    }

    [Fact]
    public async Task Clear_Twice_SecondClearSucceeds()
    {
        var storage = await CreateStorageAsync();
        var grain = NewGrain();
        var state = State(new TestState { Name = "x" });
        await storage.WriteStateAsync(StateName, grain, state);

        await storage.ClearStateAsync(StateName, grain, state);
        await storage.ClearStateAsync(StateName, grain, state);

        Assert.False((await ReadAsync(storage, grain)).RecordExists);
    }

    [Fact]
    public async Task Clear_NothingStored_Succeeds()
    {
        var storage = await CreateStorageAsync();
        var state = State(new TestState { Name = "never written" });

        await storage.ClearStateAsync(StateName, NewGrain(), state);

        Assert.False(state.RecordExists);
        Assert.Equal(new TestState(), state.State);
    }

    [Fact]
    public async Task Clear_StaleETag_ThrowsInconsistentStateAndKeepsState()
    {
        var storage = await CreateStorageAsync();
        var grain = NewGrain();
        var current = State(new TestState { Name = "v1" });
        await storage.WriteStateAsync(StateName, grain, current);
        var stale = State(current.State!, current.ETag);
        current.State = new TestState { Name = "v2" };
        await storage.WriteStateAsync(StateName, grain, current);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, grain, stale));

        var read = await ReadAsync(storage, grain);
        Assert.True(read.RecordExists);
        Assert.Equal("v2", read.State?.Name);
        Assert.Equal(current.ETag, read.ETag);
    }

    [Fact]
    public async Task Clear_KeepsTombstone_ActivationThatNeverSawTheRecordCannotWrite()
    {
        var storage = await CreateStorageAsync();
        var grain = NewGrain();
        var late = await ReadAsync(storage, grain);
        var owner = State(new TestState { Name = "owner" });
        await storage.WriteStateAsync(StateName, grain, owner);
        await storage.ClearStateAsync(StateName, grain, owner);

        late.State = new TestState { Name = "late activation" };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grain, late));

        Assert.False((await ReadAsync(storage, grain)).RecordExists);
    }

    [Fact]
    public async Task Clear_DeleteStateOnClear_RemovesRecordAndETag()
    {
        var storage = await CreateStorageAsync(deleteStateOnClear: true);
        var grain = NewGrain();
        var state = State(new TestState { Name = "deleted" });
        await storage.WriteStateAsync(StateName, grain, state);

        await storage.ClearStateAsync(StateName, grain, state);
        var read = await ReadAsync(storage, grain);
        state.State = new TestState { Name = "recreated" };
        await storage.WriteStateAsync(StateName, grain, state);

        Assert.Null(read.ETag);
        Assert.False(read.RecordExists);
        Assert.Equal("recreated", (await ReadAsync(storage, grain)).State?.Name);
    }

    [Fact]
    public async Task Write_StateNamesGrainsAndServicesAreIndependent()
    {
        var storage = await CreateStorageAsync();
        var otherService = await CreateStorageAsync(serviceId: "other-service");
        var grain = NewGrain();
        var other = NewGrain();

        await storage.WriteStateAsync("shadow", grain, State(new TestState { Name = "shadow" }));
        await storage.WriteStateAsync("commands", grain, State(new TestState { Name = "commands" }));
        await storage.WriteStateAsync("shadow", other, State(new TestState { Name = "other grain" }));

        Assert.Equal("shadow", (await ReadAsync(storage, grain, "shadow")).State?.Name);
        Assert.Equal("commands", (await ReadAsync(storage, grain, "commands")).State?.Name);
        Assert.Equal("other grain", (await ReadAsync(storage, other, "shadow")).State?.Name);
        Assert.False((await ReadAsync(otherService, grain, "shadow")).RecordExists);
    }
}
