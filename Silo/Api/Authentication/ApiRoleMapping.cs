using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace Twins.Silo.Api.Authentication;

/// <summary>
/// Turns the provider's roles or groups (<c>Twins:Api:RoleClaim</c>, mapped through <c>Twins:Api:Roles</c>) into the
/// <c>role</c> claims <see cref="FleetCaller"/> reads, for HTTP requests and WebSocket <c>connection_init</c> alike.
/// </summary>
internal sealed class ApiRoleMapping(IOptions<ApiAuthenticationOptions> options)
{
    public void Apply(ClaimsIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var settings = options.Value;
        if (settings.RoleClaim == FleetCaller.RoleClaim && settings.Roles.Count == 0)
        {
            return;
        }

        var source = identity.FindAll(settings.RoleClaim).ToList();

        // Only the configured claim grants a role: a provider's token that happens to carry its own "role" must not.
        foreach (var stray in identity.Claims.Where(c => c.Type is FleetCaller.RoleClaim or ClaimTypes.Role).ToList())
        {
            identity.RemoveClaim(stray);
        }

        foreach (var claim in source)
        {
            var role = settings.Roles.TryGetValue(claim.Value, out var mapped) ? mapped : claim.Value;
            if (role is FleetCaller.Operator or FleetCaller.Owner or FleetCaller.Service && !identity.HasClaim(FleetCaller.RoleClaim, role))
            {
                identity.AddClaim(new Claim(FleetCaller.RoleClaim, role, ClaimValueTypes.String, claim.Issuer));
            }
        }
    }
}
