using System.Globalization;

namespace Twins.Simulator;

/// <summary>VINs and thing names of simulated vehicles.</summary>
internal static class VehicleIdentity
{
    /// <summary>Characters a VIN may contain (ISO 3779: no I, O or Q).</summary>
    public static bool IsVinCharacter(char c) => c is (>= 'A' and <= 'Z') and not ('I' or 'O' or 'Q') || c is >= '0' and <= '9';

    /// <summary>The VIN of vehicle <paramref name="index"/>: the prefix, then the index zero-padded to 17 characters.</summary>
    public static string Vin(string prefix, int index)
    {
        var digits = 17 - prefix.Length;
        var number = index.ToString(CultureInfo.InvariantCulture);
        if (number.Length > digits)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Index does not fit in a 17-character VIN after prefix '{prefix}'.");
        }

        return prefix + number.PadLeft(digits, '0');
    }

    /// <summary>The contract's thing name: <c>Vehicle_{VIN}</c> with the VIN reduced to upper-case letters and digits.</summary>
    public static string ThingName(string vin) =>
        "Vehicle_" + string.Concat(vin.ToUpperInvariant().Where(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9')));

    /// <summary>Client id used while provisioning by claim (one per vehicle, so vehicles sharing a claim certificate do not take over each other's sessions).</summary>
    public static string ClaimClientId(string vin) => "Claim_" + ThingName(vin)["Vehicle_".Length..];
}
