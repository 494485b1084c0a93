namespace Twins.Actors.Storage;

/// <summary>Turns grain state into stored bytes and back (JSON through source-generated contexts by default).</summary>
public interface IGrainStateSerializer
{
    /// <summary>Serializes <paramref name="value"/>.</summary>
    byte[] Serialize<T>(T value);

    /// <summary>Deserializes bytes written by <see cref="Serialize{T}"/>.</summary>
    T Deserialize<T>(ReadOnlySpan<byte> data);
}
