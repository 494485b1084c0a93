using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Twins.Silo.Tests.Api;

/// <summary>
/// A stand-in for an OIDC provider (Cognito, Entra ID, Keycloak), which cannot run here: Kestrel on 127.0.0.1:0
/// serving a discovery document and a JWKS whose keys the test rotates, and counting how often the JWKS is fetched.
/// It signs RS256 tokens with its keys.
/// </summary>
internal sealed class TestOidcProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<(string Kid, RSA Key)> _published = [];
    private readonly Lock _gate = new();
    private int _jwksFetches;

    private TestOidcProvider(WebApplication app) => _app = app;

    /// <summary>The issuer: the provider's base address, without a trailing slash.</summary>
    public string Issuer => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');

    public int JwksFetches => Volatile.Read(ref _jwksFetches);

    public static async Task<TestOidcProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var provider = new TestOidcProvider(app);
        app.MapGet("/.well-known/openid-configuration", (HttpContext _) => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = provider.Issuer,
            ["jwks_uri"] = provider.Issuer + "/jwks",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        app.MapGet("/jwks", (HttpContext _) => Results.Json(new Dictionary<string, object> { ["keys"] = provider.Jwks() }));
        await app.StartAsync();
        return provider;
    }

    /// <summary>Creates a key and, when <paramref name="publish"/>, adds it to the JWKS; returns credentials that sign with it.</summary>
    public SigningCredentials NewKey(string kid, bool publish = true)
    {
        var rsa = RSA.Create(2048);
        if (publish)
        {
            lock (_gate)
            {
                _published.Add((kid, rsa));
            }
        }

        return new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = kid }, SecurityAlgorithms.RsaSha256);
    }

    private List<Dictionary<string, string>> Jwks()
    {
        Interlocked.Increment(ref _jwksFetches);
        lock (_gate)
        {
            return [.. _published.Select(k =>
            {
                var parameters = k.Key.ExportParameters(includePrivateParameters: false);
                return new Dictionary<string, string>
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["alg"] = "RS256",
                    ["kid"] = k.Kid,
                    ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                    ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                };
            })];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        lock (_gate)
        {
            foreach (var (_, key) in _published)
            {
                key.Dispose();
            }
        }
    }
}
