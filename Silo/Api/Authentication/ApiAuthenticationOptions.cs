namespace Twins.Silo.Api.Authentication;

/// <summary>
/// How API callers authenticate (section <c>Twins:Api</c>). Bearer tokens are validated by ASP.NET Core's JwtBearer
/// handler with one of three key sources: an OIDC <see cref="Authority"/> (production: keys from its JWKS, fetched,
/// cached and refreshed on an unknown <c>kid</c>), an RS256 <see cref="PublicKeyFile"/>, or an HS256 key
/// (<see cref="SigningKey"/>, <see cref="SigningKeyFile"/>, else the development key under the data directory that
/// <c>./twins token</c> signs with).
/// </summary>
internal sealed class ApiAuthenticationOptions
{
    public const string SectionName = "Twins:Api";
    public const string DefaultIssuer = "twins";
    public const string DefaultAudience = "twins-api";
    public const string DevelopmentKeyFileName = "dev-jwt-key";
    public const string DefaultRoleClaim = FleetCaller.RoleClaim;

    /// <summary>The <c>iss</c> tokens must carry. With an <see cref="Authority"/> and no issuer set, the issuer its metadata names.</summary>
    public string? Issuer { get; set; }

    /// <summary>The <c>aud</c> tokens must carry (<see cref="DefaultAudience"/> unless set).</summary>
    public string Audience { get; set; } = DefaultAudience;

    /// <summary>OIDC provider (Cognito, Entra ID, Keycloak, ...): its <c>/.well-known/openid-configuration</c> names the JWKS.</summary>
    public string? Authority { get; set; }

    /// <summary>The discovery document's address when it is not <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string? MetadataAddress { get; set; }

    /// <summary>Refuse an <c>http://</c> authority; only loopback tests and development turn this off.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// Shortest time between two JWKS fetches forced by a token with an unknown <c>kid</c> (key rotation); the
    /// keys are also re-read every 12 hours. 5 minutes, JwtBearer's default, unless set; at least 1 second.
    /// </summary>
    public TimeSpan KeyRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>HS256: the key, base64. When neither this, <see cref="SigningKeyFile"/>, <see cref="PublicKeyFile"/> nor <see cref="Authority"/> is set, a development key under the data directory is used (created on first start).</summary>
    public string? SigningKey { get; set; }

    /// <summary>HS256: a file holding the base64 key.</summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>RS256: a PEM file with the public key that verifies tokens.</summary>
    public string? PublicKeyFile { get; set; }

    /// <summary>Allowed clock skew for <c>exp</c> and <c>nbf</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The token claim carrying the caller's roles or groups (<c>role</c>; <c>cognito:groups</c>, <c>roles</c> or <c>groups</c> with a provider).</summary>
    public string RoleClaim { get; set; } = DefaultRoleClaim;

    /// <summary>
    /// The provider's role or group names mapped to Twins roles (<c>operator</c>, <c>owner</c>, <c>service</c>), e.g.
    /// <c>Twins:Api:Roles:fleet-admins=operator</c>. A value that already names a Twins role needs no entry.
    /// </summary>
    public IDictionary<string, string> Roles { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Service API keys, sent as <c>X-Api-Key</c>.</summary>
    public IList<ApiKeyOptions> ApiKeys { get; } = [];

    /// <summary>True when tokens are signed with a symmetric key this silo holds (so it can issue development tokens).</summary>
    public bool UsesSymmetricKey => string.IsNullOrEmpty(Authority) && string.IsNullOrEmpty(MetadataAddress) && string.IsNullOrEmpty(PublicKeyFile);

    /// <summary>The issuer tokens are checked against; <c>null</c> means the authority's own.</summary>
    public string? EffectiveIssuer => Issuer ?? (UsesSymmetricKey || !string.IsNullOrEmpty(PublicKeyFile) ? DefaultIssuer : null);
}
