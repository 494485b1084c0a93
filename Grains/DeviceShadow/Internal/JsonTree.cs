using System.Text.Json.Nodes;

namespace Twins.Grains.DeviceShadow;

/// <summary>
/// The tree operations of the Device Shadow service over <see cref="JsonNode"/>s: merge with null
/// deletion, delta, per-leaf metadata. Arrays are values: compared and replaced whole.
/// </summary>
internal static class JsonTree
{
    /// <summary>Nesting of objects and arrays: a scalar is 0, <c>{"a":1}</c> is 1, <c>{"a":{"b":1}}</c> is 2.</summary>
    public static int Depth(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var deepest = 0;
                foreach (var (_, child) in obj)
                {
                    deepest = Math.Max(deepest, Depth(child));
                }

                return deepest + 1;
            case JsonArray array:
                var deepestItem = 0;
                foreach (var item in array)
                {
                    deepestItem = Math.Max(deepestItem, Depth(item));
                }

                return deepestItem + 1;
            default:
                return 0;
        }
    }

    /// <summary>True if an array anywhere under <paramref name="node"/> holds a <c>null</c>, which shadows do not allow.</summary>
    public static bool ContainsNullInArray(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    if (ContainsNullInArray(child))
                    {
                        return true;
                    }
                }

                return false;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is null || ContainsNullInArray(item))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>
    /// Applies <paramref name="patch"/> to <paramref name="target"/> and its parallel metadata tree:
    /// <c>null</c> removes a field, objects merge recursively, any other value (arrays included)
    /// replaces the field whole and stamps its metadata. Objects left empty are removed.
    /// </summary>
    public static void Merge(JsonObject target, JsonObject metadata, JsonObject patch, long timestamp)
    {
        foreach (var (name, value) in patch)
        {
            switch (value)
            {
                case null:
                    target.Remove(name);
                    metadata.Remove(name);
                    break;
                case JsonObject patchObject:
                    if (target[name] is not JsonObject targetObject)
                    {
                        targetObject = [];
                        target[name] = targetObject;
                        metadata[name] = new JsonObject();
                    }

                    if (metadata[name] is not JsonObject metadataObject)
                    {
                        metadataObject = [];
                        metadata[name] = metadataObject;
                    }

                    Merge(targetObject, metadataObject, patchObject, timestamp);
                    if (targetObject.Count == 0)
                    {
                        target.Remove(name);
                        metadata.Remove(name);
                    }

                    break;
                default:
                    target[name] = value.DeepClone();
                    metadata[name] = LeafMetadata(value, timestamp);
                    break;
            }
        }
    }

    /// <summary>The metadata of a patch as echoed in <c>/update/accepted</c>: every field sent, deleted ones included.</summary>
    public static JsonObject PatchMetadata(JsonObject patch, long timestamp)
    {
        var metadata = new JsonObject();
        foreach (var (name, value) in patch)
        {
            metadata[name] = value is JsonObject child ? PatchMetadata(child, timestamp) : LeafMetadata(value, timestamp);
        }

        return metadata;
    }

    /// <summary>
    /// Desired fields absent from or different to reported, down to the differing leaves; fields only
    /// in reported never appear. Returns an empty object when the two agree.
    /// </summary>
    public static JsonObject Delta(JsonObject? desired, JsonObject? reported)
    {
        var delta = new JsonObject();
        if (desired is null)
        {
            return delta;
        }

        foreach (var (name, desiredValue) in desired)
        {
            JsonNode? reportedValue = null;
            var present = reported is not null && reported.TryGetPropertyValue(name, out reportedValue);
            if (desiredValue is JsonObject desiredObject && reportedValue is JsonObject reportedObject)
            {
                var child = Delta(desiredObject, reportedObject);
                if (child.Count > 0)
                {
                    delta[name] = child;
                }
            }
            else if (!present || !JsonNode.DeepEquals(desiredValue, reportedValue))
            {
                delta[name] = desiredValue?.DeepClone();
            }
        }

        return delta;
    }

    /// <summary>The part of <paramref name="metadata"/> that covers the fields of <paramref name="delta"/>.</summary>
    public static JsonObject MetadataOf(JsonObject delta, JsonObject metadata)
    {
        var result = new JsonObject();
        foreach (var (name, value) in delta)
        {
            if (!metadata.TryGetPropertyValue(name, out var metadataValue) || metadataValue is null)
            {
                continue;
            }

            result[name] = value is JsonObject deltaChild && metadataValue is JsonObject metadataChild
                ? MetadataOf(deltaChild, metadataChild)
                : metadataValue.DeepClone();
        }

        return result;
    }

    private static JsonNode LeafMetadata(JsonNode? value, long timestamp)
    {
        if (value is JsonArray array)
        {
            var items = new JsonArray();
            for (var i = 0; i < array.Count; i++)
            {
                items.Add(new JsonObject { ["timestamp"] = timestamp });
            }

            return items;
        }

        return new JsonObject { ["timestamp"] = timestamp };
    }
}
