using Orleans.Storage;

namespace Twins.Providers.Tests;

/// <summary>The grain state serializer the contract tests give the storages (a silo fills in its own).</summary>
internal sealed class JsonStateSerializer : IGrainStorageSerializer
{
    public static readonly JsonStateSerializer Instance = new();

    public BinaryData Serialize<T>(T? input) => BinaryData.FromObjectAsJson(input);

    public T? Deserialize<T>(BinaryData input) => input.ToObjectFromJson<T>();
}
