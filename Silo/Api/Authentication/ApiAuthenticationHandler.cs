using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Twins.Silo.Api.Authentication;

/// <summary>Authenticates <c>Authorization: Bearer &lt;JWT&gt;</c> or <c>X-Api-Key</c>; anything else stays anonymous.</summary>
internal sealed class ApiAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiTokenValidator validator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Twins";
    public const string ApiKeyHeader = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers.Authorization.ToString() is { Length: > 7 } authorization && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var principal = await validator.ValidateBearerAsync(authorization[7..].Trim()).ConfigureAwait(false);
            return principal is null ? AuthenticateResult.Fail("The bearer token is not valid.") : AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
        }

        if (Request.Headers[ApiKeyHeader].ToString() is { Length: > 0 } key)
        {
            var principal = validator.ValidateApiKey(key);
            return principal is null ? AuthenticateResult.Fail("The API key is not valid.") : AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
        }

        return AuthenticateResult.NoResult();
    }
}
