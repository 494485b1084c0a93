using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Twins.Silo.Api.Authentication;

/// <summary>
/// Configures ASP.NET Core's JwtBearer handler from <c>Twins:Api</c>: the issuer, audience and algorithms, the key
/// source (an OIDC authority's JWKS, fetched and cached by JwtBearer's configuration manager and refreshed when a
/// token names an unknown <c>kid</c>; or a configured key), lifetime checked on the injected clock, claims kept as
/// the token names them, and the role mapping.
/// </summary>
internal sealed class JwtBearerOptionsSetup(IOptions<ApiAuthenticationOptions> api, ApiSigningKey signingKey, ApiRoleMapping roles, TimeProvider time)
    : IConfigureNamedOptions<JwtBearerOptions>
{
    /// <summary>Where the challenge leaves the error description, so the 401's body can carry it too.</summary>
    public const string ErrorDescriptionItem = "Twins.Api.AuthenticationError";

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, JwtBearerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (name != ApiAuthenticationSchemes.Bearer)
        {
            return;
        }

        var settings = api.Value;
        options.MapInboundClaims = false;
        options.TimeProvider = time;
        if (!string.IsNullOrEmpty(settings.Authority))
        {
            options.Authority = settings.Authority;
        }

        if (!string.IsNullOrEmpty(settings.MetadataAddress))
        {
            options.MetadataAddress = settings.MetadataAddress;
        }

        options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        options.RefreshInterval = settings.KeyRefreshInterval;
        options.RefreshOnIssuerKeyNotFound = true;
        options.Audience = settings.Audience;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = settings.EffectiveIssuer,
            ValidAudience = settings.Audience,
            IssuerSigningKey = signingKey.Key,
            ValidAlgorithms = ApiSigningKey.AlgorithmsFor(settings),
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = settings.ClockSkew,
            LifetimeValidator = ValidateLifetime,
            NameClaimType = "sub",
            RoleClaimType = FleetCaller.RoleClaim,
        };
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                if (context.Principal?.Identity is System.Security.Claims.ClaimsIdentity identity)
                {
                    roles.Apply(identity);
                }

                return Task.CompletedTask;
            },
            OnChallenge = context =>
            {
                context.HttpContext.Items[ErrorDescriptionItem] = context.ErrorDescription;
                return Task.CompletedTask;
            },
        };
    }

    /// <summary>
    /// IdentityModel 8.23 compares <c>exp</c>/<c>nbf</c> with the wall clock (its TokenValidationParameters.TimeProvider
    /// is internal), so this hook does the same comparison on the injected clock; it throws the exceptions the default
    /// check throws, so JwtBearer's error description stays "The token expired at ...".
    /// </summary>
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (expires is not { } exp)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiration time.");
        }

        if (notBefore is { } nbf && now < nbf - parameters.ClockSkew)
        {
            throw new SecurityTokenNotYetValidException($"The token is not valid before {nbf:O}.") { NotBefore = nbf };
        }

        if (now > exp + parameters.ClockSkew)
        {
            throw new SecurityTokenExpiredException($"The token expired at {exp:O}.") { Expires = exp };
        }

        return true;
    }
}
