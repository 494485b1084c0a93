using Twins.Actors.Hosting;
using Twins.Actors.Storage;
using Twins.Actors.Tests.Grains;
using Twins.Testing;

namespace Twins.Actors.Tests;

public sealed class PersistentStateTests : IAsyncLifetime
{
    private ClusterFixture _fixture = null!;

    public async Task InitializeAsync() => _fixture = await ClusterFixture.StartAsync(
        silo => silo.AddGrainStorage("broken", _ => new FailingGrainStorage()));

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    private MemoryGrainStorage Store => _fixture.Cluster.Storage!;

    [Fact]
    public async Task WriteState_ThenSiloRestarts_NewActivationReadsIt()
    {
        await _fixture.Client.GetGrain<IStateGrain>("durable").SetAsync(42);

        await _fixture.Cluster.RestartSiloAsync(_fixture.Cluster.Primary);
        var state = await _fixture.Client.GetGrain<IStateGrain>("durable").GetAsync();

        Assert.Equal(42, state.Value);
        Assert.Equal(1, _fixture.Journal.Count("activate durable value=42"));
    }

    [Fact]
    public async Task Deactivate_StateChangedButNotWritten_PersistsNothing()
    {
        var grain = _fixture.Client.GetGrain<IStateGrain>("forgetful");
        await grain.SetAsync(1);
        await grain.SetWithoutWriteAsync(2);

        await grain.DeactivateAsync();

        Assert.Equal(1, (await grain.GetAsync()).Value);
    }

    [Fact]
    public async Task WriteState_StaleETag_CallerGetsInconsistentStateAndActivationIsReplaced()
    {
        var grain = _fixture.Client.GetGrain<IStateGrain>("contested");
        await grain.SetAsync(1);
        var firstActivation = await grain.GetActivationIdAsync();
        var other = new GrainState<LifecycleState>(new LifecycleState());
        await Store.ReadStateAsync("life", grain.GetGrainId(), other);
        other.State = new LifecycleState { Value = 50 };
        await Store.WriteStateAsync("life", grain.GetGrainId(), other);

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.SetAsync(2));
        await Poll.UntilAsync(() => _fixture.Journal.Count("deactivate contested ApplicationError") == 1, "the stale activation to be deactivated");

        Assert.Equal(50, (await grain.GetAsync()).Value);
        Assert.NotEqual(firstActivation, await grain.GetActivationIdAsync());
    }

    [Fact]
    public async Task Activate_CorruptStoredState_CallerGetsStorageErrorNamingGrainAndStateAndSiloKeepsServing()
    {
        var grain = _fixture.Client.GetGrain<IStateGrain>("corrupt");
        Store.SetRaw("life", grain.GetGrainId(), "{\"Value\":"u8.ToArray());

        var error = await Assert.ThrowsAsync<GrainStorageException>(() => grain.GetAsync());

        Assert.Contains("'life'", error.Message, StringComparison.Ordinal);
        Assert.Contains("state/corrupt", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await _fixture.Client.GetGrain<IStateGrain>("healthy").GetAsync()).Value);
    }

    [Fact]
    public async Task WriteState_ProviderFails_CallerGetsTypedStorageError()
    {
        var grain = _fixture.Client.GetGrain<IBrokenStoreGrain>(Guid.NewGuid());

        var error = await Assert.ThrowsAsync<GrainStorageException>(() => grain.SaveAsync());

        Assert.IsType<IOException>(error.InnerException);
        Assert.Contains("'broken'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClearState_RemovesTheRecord()
    {
        var grain = _fixture.Client.GetGrain<IStateGrain>("cleared");
        await grain.SetAsync(5);

        await grain.ClearAsync();

        var read = new GrainState<LifecycleState>(new LifecycleState());
        await Store.ReadStateAsync("life", grain.GetGrainId(), read);
        Assert.False(read.RecordExists);
        Assert.Equal(0, (await grain.GetAsync()).Value);
        Assert.Null(await grain.GetETagAsync());
    }
}
