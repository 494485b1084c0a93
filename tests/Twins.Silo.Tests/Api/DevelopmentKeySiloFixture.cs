namespace Twins.Silo.Tests.Api;

/// <summary>A silo with no key configured: it validates HS256 tokens with the development key in its data directory.</summary>
public sealed class DevelopmentKeySiloFixture : IAsyncLifetime
{
    private ApiSilo? _silo;

    internal ApiSilo Silo => _silo!;

    public async Task InitializeAsync() => _silo = await ApiSilo.StartAsync();

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}
