using Microsoft.Extensions.Options;

namespace Twins.Actors.Membership;

/// <summary>Stops start-up with a message naming the wrong cluster setting.</summary>
internal sealed class ClusterOptionsValidator : IValidateOptions<ClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterOptions options)
    {
        var failures = new List<string>();
        var section = ClusterOptions.SectionName;
        if (string.IsNullOrWhiteSpace(options.ServiceId) || options.ServiceId.Contains('/', StringComparison.Ordinal))
        {
            failures.Add($"{section}:ServiceId must be a non-empty name without '/' (got '{options.ServiceId}').");
        }

        if (string.IsNullOrWhiteSpace(options.AdvertisedHost))
        {
            failures.Add($"{section}:AdvertisedHost must name the address peers connect to.");
        }

        if (options.SiloPort is < 0 or > 65535)
        {
            failures.Add($"{section}:SiloPort must be 0-65535 (got {options.SiloPort}).");
        }

        if (options.HeartbeatInterval <= TimeSpan.Zero || options.RefreshInterval <= TimeSpan.Zero)
        {
            failures.Add($"{section}:HeartbeatInterval and RefreshInterval must be positive.");
        }

        if (options.DeathTimeout < 2 * options.HeartbeatInterval)
        {
            failures.Add($"{section}:DeathTimeout must be at least twice HeartbeatInterval (got {options.DeathTimeout} vs {options.HeartbeatInterval}).");
        }

        if (options.LinkDeathTimeout < TimeSpan.Zero)
        {
            failures.Add($"{section}:LinkDeathTimeout must be zero (off) or positive (got {options.LinkDeathTimeout}).");
        }

        if (options.MaxForwardCount is < 1 or > 32)
        {
            failures.Add($"{section}:MaxForwardCount must be 1-32 (got {options.MaxForwardCount}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
