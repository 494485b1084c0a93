namespace Twins.Grains.Routing;

/// <summary>What AWS IoT accepts as a thing, shadow, execution, client or template name in a topic level.</summary>
public static class TopicNames
{
    /// <summary>Thing names: 1-128 of <c>[a-zA-Z0-9:_-]</c>.</summary>
    public static bool IsValidThingName(ReadOnlySpan<char> name) => IsValid(name, 128, allowColon: true);

    /// <summary>Shadow names: 1-64 of <c>[a-zA-Z0-9:_-]</c>.</summary>
    public static bool IsValidShadowName(ReadOnlySpan<char> name) => IsValid(name, 64, allowColon: true);

    /// <summary>Execution ids: 1-64 of <c>[a-zA-Z0-9:_-]</c> (UUIDs fit).</summary>
    public static bool IsValidExecutionId(ReadOnlySpan<char> name) => IsValid(name, 64, allowColon: true);

    /// <summary>Provisioning template names: 1-36 of <c>[a-zA-Z0-9_-]</c>.</summary>
    public static bool IsValidTemplateName(ReadOnlySpan<char> name) => IsValid(name, 36, allowColon: false);

    /// <summary>MQTT client ids in a lifecycle topic: 1-128 characters, no wildcard, NUL or level separator.</summary>
    public static bool IsValidClientId(ReadOnlySpan<char> name) =>
        name.Length is > 0 and <= 128 && name.IndexOfAny('/', '+', '#') < 0 && !name.Contains('\0');

    private static bool IsValid(ReadOnlySpan<char> name, int maxLength, bool allowColon)
    {
        if (name.IsEmpty || name.Length > maxLength)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '_' and not '-' && !(allowColon && c == ':'))
            {
                return false;
            }
        }

        return true;
    }
}
