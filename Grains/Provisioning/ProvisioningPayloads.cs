using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Twins.Grains.Internal;

namespace Twins.Grains.Provisioning;

/// <summary>The fleet provisioning payloads of the contract: requests parsed, replies built (compact UTF-8 JSON).</summary>
public static class ProvisioningPayloads
{
    private const int MaxPayloadBytes = 64 * 1024;

    /// <summary>Reads <c>{"certificateSigningRequest":"&lt;PEM&gt;"}</c>.</summary>
    public static string? ParseCreateFromCsr(ReadOnlySpan<byte> payload, out ProvisioningError? error)
    {
        var root = ParseObject(payload, out error);
        if (root is null)
        {
            return null;
        }

        if (root["certificateSigningRequest"] is not JsonValue csr || csr.GetValueKind() != JsonValueKind.String || string.IsNullOrWhiteSpace(csr.GetValue<string>()))
        {
            error = ProvisioningError.InvalidPayload("certificateSigningRequest must be a PEM string.");
            return null;
        }

        return csr.GetValue<string>();
    }

    /// <summary>Reads <c>{"certificateOwnershipToken","parameters":{...}}</c>; parameter values must be strings.</summary>
    public static ProvisionRequest? ParseProvision(ReadOnlySpan<byte> payload, out ProvisioningError? error)
    {
        var root = ParseObject(payload, out error);
        if (root is null)
        {
            return null;
        }

        if (root["certificateOwnershipToken"] is not JsonValue token || token.GetValueKind() != JsonValueKind.String)
        {
            error = ProvisioningError.InvalidPayload("certificateOwnershipToken must be a string.");
            return null;
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetPropertyValue("parameters", out var parametersNode) && parametersNode is not null)
        {
            if (parametersNode is not JsonObject parameterObject)
            {
                error = ProvisioningError.InvalidPayload("parameters must be an object.");
                return null;
            }

            foreach (var (name, value) in parameterObject)
            {
                if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
                {
                    error = ProvisioningError.InvalidPayload($"parameters.{name} must be a string.");
                    return null;
                }

                parameters[name] = v.GetValue<string>();
            }
        }

        error = null;
        return new ProvisionRequest(token.GetValue<string>(), parameters);
    }

    /// <summary><c>{"certificateOwnershipToken","certificateId","certificatePem"}</c></summary>
    public static byte[] CreateFromCsrAccepted(string certificateOwnershipToken, string certificateId, string certificatePem) =>
        JsonUtf8.ToBytes(new JsonObject
        {
            ["certificateOwnershipToken"] = certificateOwnershipToken,
            ["certificateId"] = certificateId,
            ["certificatePem"] = certificatePem,
        });

    /// <summary><c>{"thingName","deviceConfiguration":{...}}</c></summary>
    public static byte[] ProvisionAccepted(string thingName, IReadOnlyDictionary<string, string> deviceConfiguration)
    {
        ArgumentNullException.ThrowIfNull(deviceConfiguration);
        var configuration = new JsonObject();
        foreach (var (key, value) in deviceConfiguration)
        {
            configuration[key] = value;
        }

        return JsonUtf8.ToBytes(new JsonObject { ["thingName"] = thingName, ["deviceConfiguration"] = configuration });
    }

    /// <summary><c>{"statusCode","errorCode","errorMessage"}</c></summary>
    public static byte[] Rejected(ProvisioningError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return JsonUtf8.ToBytes(new JsonObject
        {
            ["statusCode"] = error.StatusCode,
            ["errorCode"] = error.ErrorCode,
            ["errorMessage"] = error.ErrorMessage,
        });
    }

    private static JsonObject? ParseObject(ReadOnlySpan<byte> payload, out ProvisioningError? error)
    {
        if (payload.Length > MaxPayloadBytes || !Utf8.IsValid(payload))
        {
            error = ProvisioningError.InvalidPayload("The payload must be UTF-8 JSON of at most 64 KB.");
            return null;
        }

        try
        {
            if (JsonNode.Parse(payload) is JsonObject root)
            {
                error = null;
                return root;
            }
        }
        catch (JsonException)
        {
        }

        error = ProvisioningError.InvalidPayload("The payload is not a JSON object.");
        return null;
    }
}
