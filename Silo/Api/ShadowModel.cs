using System.Text.Json;

namespace Twins.Silo.Api;

/// <summary>The parent object of the <c>Shadow</c> type, from the shadow's <c>/get/accepted</c> document.</summary>
internal sealed record ShadowModel(string? Name, JsonElement? Desired, JsonElement? Reported, JsonElement? Delta, JsonElement? Metadata, long Version)
{
    public static ShadowModel Parse(string? name, string document)
    {
        using var json = JsonDocument.Parse(document);
        var root = json.RootElement;
        JsonElement? Section(JsonElement parent, string property) =>
            parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(property, out var value) ? value.Clone() : null;
        var state = root.TryGetProperty("state", out var s) ? s : default;
        return new ShadowModel(name, Section(state, "desired"), Section(state, "reported"), Section(state, "delta"), Section(root, "metadata"), root.TryGetProperty("version", out var v) ? v.GetInt64() : 0);
    }
}
