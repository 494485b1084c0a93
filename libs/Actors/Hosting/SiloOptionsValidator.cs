using Microsoft.Extensions.Options;

namespace Twins.Actors.Hosting;

/// <summary>Stops start-up with a message naming the wrong setting.</summary>
internal sealed class SiloOptionsValidator : IValidateOptions<SiloOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.SiloName) || options.SiloName.Contains('/', StringComparison.Ordinal))
        {
            failures.Add($"{SiloOptions.SectionName}:SiloName must be a non-empty name without '/' (got '{options.SiloName}').");
        }

        if (options.CallTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{SiloOptions.SectionName}:CallTimeout must be positive (got {options.CallTimeout}).");
        }

        if (options.CollectionAge < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{SiloOptions.SectionName}:CollectionAge must be at least 1 second (got {options.CollectionAge}).");
        }

        if (options.CollectionQuantum <= TimeSpan.Zero || options.CollectionQuantum > options.CollectionAge)
        {
            failures.Add($"{SiloOptions.SectionName}:CollectionQuantum must be positive and no longer than CollectionAge (got {options.CollectionQuantum}).");
        }

        if (options.MaxActivations < 0)
        {
            failures.Add($"{SiloOptions.SectionName}:MaxActivations must be 0 (no bound) or positive (got {options.MaxActivations}).");
        }

        if (string.IsNullOrWhiteSpace(options.DefaultStorageName))
        {
            failures.Add($"{SiloOptions.SectionName}:DefaultStorageName must not be empty.");
        }

        if (options.ShutdownTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{SiloOptions.SectionName}:ShutdownTimeout must be positive (got {options.ShutdownTimeout}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
