namespace Twins.Actors.Storage;

/// <summary>Helpers shared by the providers: ETags and error messages that name the grain, state and store.</summary>
internal static class StoredState
{
    public static string NewETag() => Random.Shared.NextInt64().ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    public static T Deserialize<T>(IGrainStateSerializer serializer, ReadOnlySpan<byte> data, string store, string stateName, GrainId grainId)
    {
        try
        {
            return serializer.Deserialize<T>(data);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException or InvalidOperationException or FormatException)
        {
            throw new GrainStorageException($"Stored state '{stateName}' of grain {grainId} in store '{store}' cannot be read as {typeof(T).Name}: {ex.Message}", ex);
        }
    }

    public static InconsistentStateException Conflict(string operation, string store, string stateName, GrainId grainId, string? stored, string? current) =>
        new($"{operation} of state '{stateName}' of grain {grainId} in store '{store}' found ETag '{stored ?? "(none)"}' but the activation holds '{current ?? "(none)"}': another activation or writer changed it.", stored, current);
}
