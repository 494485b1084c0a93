using System.Globalization;
using Twins.Actors.Invocation;

namespace Twins.Actors;

/// <summary>Key accessors for grains and grain references.</summary>
public static class GrainExtensions
{
    /// <summary>The id of a grain, grain reference or observer reference.</summary>
    public static GrainId GetGrainId(this IAddressable addressable) => addressable switch
    {
        GrainReference reference => reference.GrainId,
        Grain grain => grain.GrainId,
        null => throw new ArgumentNullException(nameof(addressable)),
        _ => throw new ArgumentException($"'{addressable.GetType().Name}' is neither a grain nor a grain reference.", nameof(addressable)),
    };

    /// <summary>The string key.</summary>
    public static string GetPrimaryKeyString(this IAddressable addressable) => addressable.GetGrainId().Key;

    /// <summary>The Guid key.</summary>
    public static Guid GetPrimaryKey(this IAddressable addressable)
    {
        var key = addressable.GetGrainId().Key;
        return Guid.TryParse(key, CultureInfo.InvariantCulture, out var guid)
            ? guid
            : throw new InvalidOperationException($"Grain key '{key}' is not a Guid.");
    }

    /// <summary>Formats a Guid key the way <see cref="IGrainFactory.GetGrain{TGrainInterface}(Guid)"/> does.</summary>
    internal static string FormatKey(Guid key) => key.ToString("D", CultureInfo.InvariantCulture);
}
