using System.Diagnostics.CodeAnalysis;

namespace Twins.Grains.Provisioning;

/// <summary>Thing names from VINs: <c>Vehicle_{VIN}</c> with the VIN reduced to upper-case letters and digits.</summary>
public static class VehicleNames
{
    /// <summary>The thing name prefix.</summary>
    public const string Prefix = "Vehicle_";

    /// <summary>Longest normalized VIN accepted (a real VIN has 17 characters; the thing name must fit 128).</summary>
    public const int MaxVinLength = 64;

    /// <summary>The VIN upper-cased with everything but ASCII letters and digits removed, or <c>null</c> if nothing is left or it is too long.</summary>
    public static string? NormalizeVin(string? vin)
    {
        if (vin is null)
        {
            return null;
        }

        Span<char> buffer = vin.Length <= 256 ? stackalloc char[vin.Length] : new char[vin.Length];
        var length = 0;
        foreach (var c in vin)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                buffer[length++] = char.ToUpperInvariant(c);
            }
        }

        return length is 0 or > MaxVinLength ? null : new string(buffer[..length]);
    }

    /// <summary>The thing name for <paramref name="vin"/>, e.g. <c>wvw-zzz 1jz</c> → <c>Vehicle_WVWZZZ1JZ</c>.</summary>
    public static bool TryGetThingName(string? vin, [NotNullWhen(true)] out string? thingName)
    {
        var normalized = NormalizeVin(vin);
        thingName = normalized is null ? null : Prefix + normalized;
        return thingName is not null;
    }
}
