using Microsoft.Extensions.Options;
using Twins.Grains.Routing;

namespace Twins.Grains.Vehicles;

/// <summary>Stops start-up with a message naming the wrong <c>Twins:Vehicles</c> setting.</summary>
internal sealed class VehicleGrainOptionsValidator : IValidateOptions<VehicleGrainOptions>
{
    public ValidateOptionsResult Validate(string? name, VehicleGrainOptions options)
    {
        var failures = new List<string>();
        if (options.KeepAlive < TimeSpan.FromSeconds(1) || options.KeepAlive.TotalSeconds > ushort.MaxValue)
        {
            failures.Add($"{VehicleGrainOptions.SectionName}:KeepAlive must be between 1 and 65535 seconds (got {options.KeepAlive}).");
        }

        if (options.CommandHistoryLimit < 1)
        {
            failures.Add($"{VehicleGrainOptions.SectionName}:CommandHistoryLimit must be at least 1 (got {options.CommandHistoryLimit}).");
        }

        try
        {
            options.Topics.Validate();
        }
        catch (ArgumentException ex)
        {
            failures.Add($"{VehicleGrainOptions.SectionName}:{(ex.ParamName == nameof(TopicOptions.AwsPrefix) ? nameof(VehicleGrainOptions.AwsTopicPrefix) : nameof(VehicleGrainOptions.TwinsTopicPrefix))}: {ex.Message}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
