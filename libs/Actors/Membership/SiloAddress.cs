using System.Globalization;

namespace Twins.Actors.Membership;

/// <summary>
/// Where a silo listens and which start of the process it is: <c>host:port@generation</c>. A restarted
/// silo on the same endpoint has a new generation, so calls meant for the old one are never served by it.
/// </summary>
public sealed record SiloAddress(string Host, int Port, long Generation)
{
    /// <summary>Parses <c>host:port@generation</c>.</summary>
    public static SiloAddress Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var at = value.LastIndexOf('@');
        var colon = at < 0 ? -1 : value.LastIndexOf(':', at);
        if (colon <= 0
            || !int.TryParse(value.AsSpan(colon + 1, at - colon - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || !long.TryParse(value.AsSpan(at + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var generation))
        {
            throw new FormatException($"'{value}' is not a silo address (expected host:port@generation).");
        }

        return new SiloAddress(value[..colon], port, generation);
    }

    /// <summary>The address's placement hash (derived from its text, so equal addresses hash alike).</summary>
    internal ulong Hash { get; } = Placement.RendezvousPlacement.ComputeSiloHash(string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}@{Generation}"));

    /// <summary>The endpoint without the generation.</summary>
    public string Endpoint => string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}");

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}@{Generation}");
}
