namespace Twins.Silo.Tests.Api;

/// <summary>
/// A silo configured for an OIDC provider (<see cref="TestOidcProvider"/>): authority, audience, the provider's
/// <c>groups</c> claim with <c>fleet-admins</c> mapped to operator, and a 1 s key refresh interval.
/// </summary>
public sealed class OidcSiloFixture : IAsyncLifetime
{
    public const string Audience = "fleet-api";
    private TestOidcProvider? _provider;
    private ApiSilo? _silo;

    internal TestOidcProvider Provider => _provider!;

    internal ApiSilo Silo => _silo!;

    /// <summary>A key the provider published before the silo started.</summary>
    internal Microsoft.IdentityModel.Tokens.SigningCredentials SigningKey { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _provider = await TestOidcProvider.StartAsync();
        SigningKey = _provider.NewKey("key-1");
        _silo = await ApiSilo.StartAsync(
            "--Twins:Api:Authority", _provider.Issuer,
            "--Twins:Api:RequireHttpsMetadata", "false",
            "--Twins:Api:Audience", Audience,
            "--Twins:Api:RoleClaim", "groups",
            "--Twins:Api:Roles:fleet-admins", "operator",
            "--Twins:Api:KeyRefreshInterval", "00:00:01");
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }
}
