using System.Buffers.Text;
using System.Text;

namespace Twins.Silo.Api;

/// <summary>Opaque global ids (<c>base64url("Type:key")</c>, as HotChocolate does) and offset cursors.</summary>
internal static class NodeId
{
    public const string Vehicle = "Vehicle";
    public const string CommandExecution = "CommandExecution";
    public const string Certificate = "Certificate";

    public static string Encode(string type, string key) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(type + ":" + key));

    public static bool TryDecode(string id, out string type, out string key)
    {
        type = key = "";
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(id);
        }
        catch (FormatException)
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(bytes);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1)
        {
            return false;
        }

        type = text[..colon];
        key = text[(colon + 1)..];
        return true;
    }

    public static string CommandKey(string thingName, string executionId) => thingName + "\n" + executionId;

    public static string Cursor(int offset) => Encode("offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static int ParseCursor(string cursor) =>
        TryDecode(cursor, out var type, out var key) && type == "offset" && int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var offset)
            ? offset
            : throw new Twins.GraphQL.Execution.GraphQLException("The cursor is not valid.", "INVALID_CURSOR");
}
