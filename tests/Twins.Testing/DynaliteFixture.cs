namespace Twins.Testing;

/// <summary>xunit class/collection fixture: one dynalite shared by a test class.</summary>
public sealed class DynaliteFixture : IAsyncLifetime
{
    private DynaliteServer? _server;

    /// <summary>The running server.</summary>
    public DynaliteServer Server => _server ?? throw new InvalidOperationException("dynalite has not started.");

    /// <inheritdoc />
    public async Task InitializeAsync() => _server = await DynaliteServer.StartAsync().ConfigureAwait(false);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
