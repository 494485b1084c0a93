using System.Text.Json;
using Microsoft.AspNetCore.Authentication;

namespace Twins.Silo.Api.Authentication;

/// <summary>
/// A request whose token or API key was sent but is not valid (expired, forged, for another audience, ...) gets 401
/// with the scheme's challenge (<c>WWW-Authenticate: Bearer error="invalid_token"</c>, RFC 6750) and a GraphQL-shaped
/// error body, and nothing else is served: authentication alone would let it through as an anonymous caller, who
/// would see an empty fleet instead of an error. A request with no credentials at all stays anonymous.
/// </summary>
internal sealed class InvalidCredentialsMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync().ConfigureAwait(false);
        if (result.Failure is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        await context.ChallengeAsync().ConfigureAwait(false);
        var detail = context.Items[JwtBearerOptionsSetup.ErrorDescriptionItem] as string;
        var message = context.Request.Headers.ContainsKey(ApiAuthenticationSchemes.ApiKeyHeader) && context.Request.Headers.Authorization.Count == 0
            ? "The API key is not valid."
            : string.IsNullOrEmpty(detail) ? "The bearer token is not valid." : $"The bearer token is not valid: {detail}";
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(
            context.Response.Body,
            new Dictionary<string, object> { ["errors"] = new[] { new Dictionary<string, object> { ["message"] = message, ["extensions"] = new Dictionary<string, string> { ["code"] = "UNAUTHENTICATED" } } } },
            cancellationToken: context.RequestAborted).ConfigureAwait(false);
    }
}
