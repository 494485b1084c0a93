namespace Twins.Silo.Api.Authentication;

/// <summary>How API callers authenticate (section <c>Twins:Api</c>).</summary>
internal sealed class ApiAuthenticationOptions
{
    public const string SectionName = "Twins:Api";
    public const string DefaultIssuer = "twins";
    public const string DefaultAudience = "twins-api";
    public const string DevelopmentKeyFileName = "dev-jwt-key";

    /// <summary>The <c>iss</c> tokens must carry.</summary>
    public string Issuer { get; set; } = DefaultIssuer;

    /// <summary>The <c>aud</c> tokens must carry.</summary>
    public string Audience { get; set; } = DefaultAudience;

    /// <summary>HS256: the key, base64. When neither this, <see cref="SigningKeyFile"/> nor <see cref="PublicKeyFile"/> is set, a development key under the data directory is used (created on first start).</summary>
    public string? SigningKey { get; set; }

    /// <summary>HS256: a file holding the base64 key.</summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>RS256: a PEM file with the public key that verifies tokens.</summary>
    public string? PublicKeyFile { get; set; }

    /// <summary>Allowed clock skew for <c>exp</c> and <c>nbf</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Service API keys, sent as <c>X-Api-Key</c>.</summary>
    public IList<ApiKeyOptions> ApiKeys { get; } = [];
}
