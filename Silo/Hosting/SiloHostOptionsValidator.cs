using Microsoft.Extensions.Options;

namespace Twins.Silo.Hosting;

/// <summary>Stops start-up with a message naming the setting when the silo's configuration is wrong.</summary>
internal sealed class SiloHostOptionsValidator : IValidateOptions<SiloHostOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloHostOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            return ValidateOptionsResult.Fail($"{SiloHostOptions.SectionName}:{nameof(SiloHostOptions.DataDirectory)} must name a folder.");
        }

        return ValidateOptionsResult.Success;
    }
}
