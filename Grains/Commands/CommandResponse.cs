using System.Text.Json;
using System.Text.Json.Nodes;
using Twins.Grains.Internal;

namespace Twins.Grains.Commands;

/// <summary>A vehicle's answer: <c>{"status","statusReason":{"reasonCode","reasonDescription"},"result":{...}}</c>.</summary>
/// <param name="Status">IN_PROGRESS, SUCCEEDED, FAILED, REJECTED or TIMED_OUT.</param>
/// <param name="StatusReason">The optional reason.</param>
/// <param name="Result">The optional result object.</param>
public sealed record CommandResponse(CommandExecutionStatus Status, CommandStatusReason? StatusReason, JsonElement? Result)
{
    private const int MaxReasonCodeLength = 64;
    private const int MaxReasonDescriptionLength = 1024;

    /// <summary>Parses a response payload; on failure returns <c>null</c> and a message saying what is wrong.</summary>
    public static CommandResponse? Parse(ReadOnlySpan<byte> payload, out string? error)
    {
        if (JsonUtf8.ParseObject(payload, out error) is not { } root)
        {
            return null;
        }

        if (!CommandExecutionStatusNames.TryParseDeviceStatus(root["status"] is JsonValue s && s.GetValueKind() == JsonValueKind.String ? s.GetValue<string>() : null, out var status))
        {
            error = "status must be one of IN_PROGRESS, SUCCEEDED, FAILED, REJECTED, TIMED_OUT.";
            return null;
        }

        CommandStatusReason? reason = null;
        if (root.TryGetPropertyValue("statusReason", out var reasonNode) && reasonNode is not null)
        {
            if (reasonNode is not JsonObject reasonObject
                || reasonObject["reasonCode"] is not JsonValue code || code.GetValueKind() != JsonValueKind.String
                || !IsReasonCode(code.GetValue<string>()))
            {
                error = "statusReason.reasonCode must be 1-64 of [A-Z0-9_-].";
                return null;
            }

            string? description = null;
            if (reasonObject["reasonDescription"] is { } descriptionNode)
            {
                if (descriptionNode is not JsonValue d || d.GetValueKind() != JsonValueKind.String || d.GetValue<string>().Length > MaxReasonDescriptionLength)
                {
                    error = "statusReason.reasonDescription must be a string of at most 1024 characters.";
                    return null;
                }

                description = d.GetValue<string>();
            }

            reason = new CommandStatusReason(code.GetValue<string>(), description);
        }

        JsonElement? result = null;
        if (root.TryGetPropertyValue("result", out var resultNode) && resultNode is not null)
        {
            if (resultNode is not JsonObject)
            {
                error = "result must be an object.";
                return null;
            }

            result = JsonUtf8.ToElement(resultNode);
        }

        error = null;
        return new CommandResponse(status, reason, result);
    }

    private static bool IsReasonCode(string code) =>
        code.Length is > 0 and <= MaxReasonCodeLength && code.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c is '_' or '-');
}
