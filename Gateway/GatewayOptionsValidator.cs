using Microsoft.Extensions.Options;
using Twins.Grains.Routing;

namespace Twins.Gateway;

/// <summary>Stops start-up with a message naming the wrong <c>Gateway</c> setting.</summary>
internal sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var failures = new List<string>();
        const string S = GatewayOptions.SectionName;
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        if (string.IsNullOrWhiteSpace(options.Host))
        {
            failures.Add($"{S}:Host must name the broker.");
        }

        if (options.Port is < 1 or > 65535)
        {
            failures.Add($"{S}:Port must be 1-65535 (got {options.Port}).");
        }

        if (options.Workers is < 1 or > 64)
        {
            failures.Add($"{S}:Workers must be 1-64 (got {options.Workers}).");
        }

        if (options.LanesPerWorker is < 1 or > 1024)
        {
            failures.Add($"{S}:LanesPerWorker must be 1-1024 (got {options.LanesPerWorker}).");
        }

        if (options.ReceiveMaximum < 1)
        {
            failures.Add($"{S}:ReceiveMaximum must be at least 1.");
        }

        if (options.MaxAttempts < 1)
        {
            failures.Add($"{S}:MaxAttempts must be at least 1 (got {options.MaxAttempts}).");
        }

        if (options.TransientRetryWindow < TimeSpan.Zero)
        {
            failures.Add($"{S}:TransientRetryWindow must not be negative (got {options.TransientRetryWindow}).");
        }

        if (string.IsNullOrEmpty(options.ShareGroup) || options.ShareGroup.AsSpan().IndexOfAny("/+#") >= 0)
        {
            failures.Add($"{S}:ShareGroup must be a non-empty name without '/', '+' or '#' (got '{options.ShareGroup}').");
        }

        if (string.IsNullOrEmpty(options.ClientIdPrefix) || options.ClientIdPrefix.Length > 100)
        {
            failures.Add($"{S}:ClientIdPrefix must be 1-100 characters.");
        }

        if (options.SessionExpiry < TimeSpan.Zero || options.SessionExpiry.TotalSeconds > uint.MaxValue)
        {
            failures.Add($"{S}:SessionExpiry must not be negative (got {options.SessionExpiry}).");
        }

        if (options.MinReconnectDelay <= TimeSpan.Zero || options.MaxReconnectDelay < options.MinReconnectDelay)
        {
            failures.Add($"{S}:MinReconnectDelay must be positive and MaxReconnectDelay at least as long.");
        }

        if (options.MaxInFlightPerThing < 1)
        {
            failures.Add($"{S}:MaxInFlightPerThing must be at least 1 (got {options.MaxInFlightPerThing}).");
        }

        if (options.MaxPayloadBytes < 1024)
        {
            failures.Add($"{S}:MaxPayloadBytes must be at least 1024 (got {options.MaxPayloadBytes}).");
        }

        if (options.PublisherIdentityProperty is { } property && string.IsNullOrWhiteSpace(property))
        {
            failures.Add($"{S}:PublisherIdentityProperty must name a user property or be left unset.");
        }

        try
        {
            new TopicOptions { AwsPrefix = options.AwsTopicPrefix, TwinsPrefix = options.TwinsTopicPrefix }.Validate();
        }
        catch (ArgumentException ex)
        {
            failures.Add($"{S}:{(ex.ParamName == nameof(TopicOptions.AwsPrefix) ? nameof(GatewayOptions.AwsTopicPrefix) : nameof(GatewayOptions.TwinsTopicPrefix))}: {ex.Message}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
