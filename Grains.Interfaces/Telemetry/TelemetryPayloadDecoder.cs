using System.Globalization;
using System.Text.Unicode;

namespace Twins.Grains.Telemetry;

/// <summary>
/// Chooses JSON or the binary form for a telemetry message and decodes it. Binary when the MQTT 5
/// content type is <see cref="BinaryContentType"/> (optionally <c>; descriptor=N</c>) or a user
/// property <see cref="DescriptorUserProperty"/> names the descriptor version; JSON when the content
/// type is absent or <c>application/json</c>; anything else is refused. A version named outside the
/// payload must match the payload's header.
/// </summary>
public sealed class TelemetryPayloadDecoder
{
    /// <summary>The content type of the binary form.</summary>
    public const string BinaryContentType = "application/vnd.twins.telemetry+binary";

    /// <summary>The user property naming the descriptor version of a binary payload.</summary>
    public const string DescriptorUserProperty = "twins-descriptor";

    private readonly TelemetryDescriptorSet _descriptors;

    /// <summary>Creates a decoder over the configured descriptors.</summary>
    public TelemetryPayloadDecoder(TelemetryDescriptorSet descriptors)
    {
        _descriptors = descriptors ?? throw new ArgumentNullException(nameof(descriptors));
    }

    /// <summary>Decodes a telemetry payload; on failure returns <c>null</c> and the (counted) error.</summary>
    public TelemetrySample? Decode(ReadOnlySpan<byte> payload, string? contentType, IReadOnlyList<KeyValuePair<string, string>>? userProperties, out TelemetryError? error)
    {
        var mediaType = contentType;
        int? namedVersion = null;
        if (contentType is not null)
        {
            var parameters = contentType.Split(';', StringSplitOptions.TrimEntries);
            mediaType = parameters[0];
            foreach (var parameter in parameters.AsSpan(1))
            {
                if (parameter.StartsWith("descriptor=", StringComparison.OrdinalIgnoreCase))
                {
                    if (!int.TryParse(parameter.AsSpan("descriptor=".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var v))
                    {
                        error = new TelemetryError(TelemetryErrorCode.UnsupportedContentType, $"Content type '{contentType}' has an invalid descriptor parameter.");
                        return null;
                    }

                    namedVersion = v;
                }
            }
        }

        var binary = string.Equals(mediaType, BinaryContentType, StringComparison.OrdinalIgnoreCase);
        if (userProperties is not null)
        {
            foreach (var (key, value) in userProperties)
            {
                if (!string.Equals(key, DescriptorUserProperty, StringComparison.Ordinal))
                {
                    continue;
                }

                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var v))
                {
                    error = new TelemetryError(TelemetryErrorCode.UnknownDescriptorVersion, $"User property {DescriptorUserProperty}='{value}' is not a version number.");
                    return null;
                }

                namedVersion ??= v;
                binary = true;
            }
        }

        if (!binary)
        {
            if (mediaType is not null && !string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
            {
                error = new TelemetryError(TelemetryErrorCode.UnsupportedContentType, $"Content type '{contentType}' is neither application/json nor {BinaryContentType}.");
                return null;
            }

            if (!Utf8.IsValid(payload))
            {
                error = new TelemetryError(TelemetryErrorCode.InvalidJson, "Payload is not UTF-8.");
                return null;
            }

            return TelemetryJsonParser.Parse(payload, out error);
        }

        if (namedVersion is { } named)
        {
            if (!_descriptors.TryGetVersion(named, out _))
            {
                error = new TelemetryError(TelemetryErrorCode.UnknownDescriptorVersion, $"Descriptor version {named} is not configured.");
                return null;
            }

            if (BinaryTelemetryCodec.PeekDescriptorVersion(payload) is { } inPayload && inPayload != named)
            {
                error = new TelemetryError(TelemetryErrorCode.DescriptorVersionMismatch, $"The message names descriptor {named} but the payload uses {inPayload}.");
                return null;
            }
        }

        return BinaryTelemetryCodec.Decode(payload, _descriptors, out error);
    }
}
