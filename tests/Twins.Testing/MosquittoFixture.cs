namespace Twins.Testing;

/// <summary>xunit class/collection fixture: one plain mosquitto shared by a test class.</summary>
public sealed class MosquittoFixture : IAsyncLifetime
{
    private MosquittoBroker? _broker;

    /// <summary>The running broker.</summary>
    public MosquittoBroker Broker => _broker ?? throw new InvalidOperationException("The broker has not started.");

    /// <inheritdoc />
    public async Task InitializeAsync() => _broker = await MosquittoBroker.StartAsync().ConfigureAwait(false);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_broker is not null)
        {
            await _broker.DisposeAsync().ConfigureAwait(false);
        }
    }
}
