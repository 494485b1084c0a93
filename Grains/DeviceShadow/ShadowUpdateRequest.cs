using System.Text;
using System.Text.Unicode;
using System.Text.Json;
using System.Text.Json.Nodes;
using Twins.Grains.Internal;

namespace Twins.Grains.DeviceShadow;

/// <summary>
/// A validated <c>/update</c> request. <see cref="Parse"/> applies AWS IoT's checks in the order the
/// service reports them: encoding (415), JSON syntax, clientToken, version, the state node and its
/// sections, nesting depth, then size (413).
/// </summary>
/// <param name="HasDesired">True when the request names <c>desired</c> (possibly as <c>null</c>).</param>
/// <param name="Desired">The desired patch; <c>null</c> with <paramref name="HasDesired"/> clears the section.</param>
/// <param name="HasReported">True when the request names <c>reported</c> (possibly as <c>null</c>).</param>
/// <param name="Reported">The reported patch; <c>null</c> with <paramref name="HasReported"/> clears the section.</param>
/// <param name="Version">The version the update is conditional on, if any.</param>
/// <param name="ClientToken">The token to echo in every reply.</param>
internal sealed record ShadowUpdateRequest(
    bool HasDesired,
    JsonObject? Desired,
    bool HasReported,
    JsonObject? Reported,
    long? Version,
    string? ClientToken)
{
    /// <summary>AWS IoT's largest MQTT message; anything bigger is refused before it is parsed.</summary>
    internal const int MaxPayloadBytes = 128 * 1024;

    private static readonly JsonDocumentOptions s_documentOptions = new()
    {
        MaxDepth = 128,
        AllowDuplicateProperties = false,
    };

    /// <summary>Parses and validates an update payload; on failure returns <c>null</c> with the error and any clientToken already read.</summary>
    public static ShadowUpdateRequest? Parse(ReadOnlySpan<byte> payload, ShadowOptions options, out ShadowError? error, out string? clientToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        clientToken = null;
        if (payload.Length > MaxPayloadBytes)
        {
            error = ShadowError.PayloadTooLarge;
            return null;
        }

        if (!Utf8.IsValid(payload))
        {
            error = ShadowError.UnsupportedEncoding;
            return null;
        }

        if (TryParseObject(payload, out var root) is false)
        {
            error = ShadowError.InvalidJson;
            return null;
        }

        if (ReadClientToken(root!, options, out clientToken) is { } tokenError)
        {
            error = tokenError;
            return null;
        }

        long? version = null;
        if (root!.TryGetPropertyValue("version", out var versionNode))
        {
            if (versionNode is not JsonValue v || v.GetValueKind() != JsonValueKind.Number || !v.TryGetValue<long>(out var parsed) || parsed < 0)
            {
                error = ShadowError.InvalidVersion;
                return null;
            }

            version = parsed;
        }

        if (!root.TryGetPropertyValue("state", out var stateNode))
        {
            error = ShadowError.MissingState;
            return null;
        }

        if (stateNode is not JsonObject state)
        {
            error = ShadowError.StateNotObject;
            return null;
        }

        bool hasDesired = false, hasReported = false;
        JsonObject? desired = null, reported = null;
        foreach (var (name, value) in state)
        {
            switch (name)
            {
                case "desired":
                    hasDesired = true;
                    if (value is not null and not JsonObject)
                    {
                        error = ShadowError.DesiredNotObject;
                        return null;
                    }

                    desired = (JsonObject?)value;
                    break;
                case "reported":
                    hasReported = true;
                    if (value is not null and not JsonObject)
                    {
                        error = ShadowError.ReportedNotObject;
                        return null;
                    }

                    reported = (JsonObject?)value;
                    break;
                default:
                    error = ShadowError.InvalidNode;
                    return null;
            }
        }

        foreach (var section in (ReadOnlySpan<JsonObject?>)[desired, reported])
        {
            if (section is null)
            {
                continue;
            }

            if (JsonTree.ContainsNullInArray(section))
            {
                error = ShadowError.InvalidNode;
                return null;
            }

            if (JsonTree.Depth(section) > options.MaxDepth)
            {
                error = ShadowError.TooDeep;
                return null;
            }
        }

        if (JsonUtf8.Size(desired) + JsonUtf8.Size(reported) > options.MaxStateBytes)
        {
            error = ShadowError.PayloadTooLarge;
            return null;
        }

        error = null;
        return new ShadowUpdateRequest(hasDesired, desired, hasReported, reported, version, clientToken);
    }

    /// <summary>
    /// Reads the optional clientToken of a <c>/get</c> or <c>/delete</c> request, whose payload AWS IoT
    /// otherwise ignores: an empty or unreadable payload simply has none.
    /// </summary>
    public static string? ReadOptionalClientToken(ReadOnlySpan<byte> payload, ShadowOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (payload.IsEmpty || payload.Length > MaxPayloadBytes || !Utf8.IsValid(payload) || !TryParseObject(payload, out JsonObject? root))
        {
            return null;
        }

        return ReadClientToken(root!, options, out var token) is null ? token : null;
    }

    private static bool TryParseObject(ReadOnlySpan<byte> payload, out JsonObject? root)
    {
        try
        {
            using var document = JsonDocument.Parse(payload.ToArray(), s_documentOptions);
            root = document.RootElement.ValueKind == JsonValueKind.Object ? JsonObject.Create(document.RootElement.Clone()) : null;
            return root is not null;
        }
        catch (JsonException)
        {
            root = null;
            return false;
        }
    }

    private static ShadowError? ReadClientToken(JsonObject root, ShadowOptions options, out string? clientToken)
    {
        clientToken = null;
        if (!root.TryGetPropertyValue("clientToken", out var tokenNode))
        {
            return null;
        }

        if (tokenNode is not JsonValue tokenValue || tokenValue.GetValueKind() != JsonValueKind.String)
        {
            return ShadowError.InvalidClientToken;
        }

        var token = tokenValue.GetValue<string>();
        if (Encoding.UTF8.GetByteCount(token) > options.MaxClientTokenBytes)
        {
            return ShadowError.InvalidClientToken;
        }

        clientToken = token;
        return null;
    }
}
