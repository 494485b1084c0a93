using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Twins.Silo.Api.Authentication;

/// <summary>
/// Browsers cannot set headers on a WebSocket, so graphql-transport-ws clients send the token in
/// <c>connection_init</c>'s <c>authorization</c> (or an <c>apiKey</c>). It goes through the JwtBearer scheme's own
/// token handlers, validation parameters and configuration manager (the authority's cached JWKS), exactly as a
/// bearer header would, and the same role mapping.
/// </summary>
internal sealed partial class ConnectionInitAuthenticator(IOptionsMonitor<JwtBearerOptions> bearer, ApiKeyStore apiKeys, ApiRoleMapping roles, ILogger<ConnectionInitAuthenticator> logger)
{
    public async ValueTask<ClaimsPrincipal?> AuthenticateAsync(IReadOnlyDictionary<string, object?>? payload, CancellationToken cancellationToken)
    {
        switch (payload?.GetValueOrDefault("authorization"))
        {
            case string authorization when authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase):
                return await ValidateBearerAsync(authorization[7..].Trim(), cancellationToken).ConfigureAwait(false);
            case string:
                return null;
        }

        return payload?.GetValueOrDefault("apiKey") is string key ? apiKeys.Validate(key) : null;
    }

    private async Task<ClaimsPrincipal?> ValidateBearerAsync(string token, CancellationToken cancellationToken)
    {
        var options = bearer.Get(ApiAuthenticationSchemes.Bearer);
        var parameters = options.TokenValidationParameters.Clone();
        if (options.ConfigurationManager is BaseConfigurationManager manager)
        {
            parameters.ConfigurationManager = manager;
        }
        else if (options.ConfigurationManager is { } other)
        {
            var configuration = await other.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
            parameters.ValidIssuers = [.. parameters.ValidIssuers ?? [], configuration.Issuer];
            parameters.IssuerSigningKeys = [.. parameters.IssuerSigningKeys ?? [], .. configuration.SigningKeys];
        }

        Exception? failure = null;
        foreach (var handler in options.TokenHandlers)
        {
            var result = await handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
            if (result.IsValid && result.ClaimsIdentity is { } identity)
            {
                roles.Apply(identity);
                return new ClaimsPrincipal(identity);
            }

            failure = result.Exception;
        }

        if (failure is SecurityTokenSignatureKeyNotFoundException && options.RefreshOnIssuerKeyNotFound)
        {
            options.ConfigurationManager?.RequestRefresh();
        }

        LogRefused(logger, failure?.GetType().Name ?? "no token handler");
        return null;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "A WebSocket connection_init token was refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
