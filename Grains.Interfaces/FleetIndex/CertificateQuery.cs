namespace Twins.Grains.FleetIndex;

/// <summary>
/// A page request over the certificate index, with the same rules as <see cref="FleetQuery"/>: the rows
/// matching <see cref="Filter"/> in <see cref="Order"/> (the certificate id breaks ties), strictly between
/// the cursors, the first <see cref="Limit"/> or the last when <see cref="FromEnd"/>.
/// </summary>
/// <param name="Filter">The condition rows must meet, or <c>null</c> for all.</param>
/// <param name="Order">Sort keys in priority order.</param>
/// <param name="Limit">Rows to return at most.</param>
/// <param name="Scope">When set, only certificates of these thing names are visible (an owner's vehicles).</param>
public sealed record CertificateQuery(
    CertificateFilter? Filter,
    IReadOnlyList<CertificateOrder> Order,
    int Limit,
    IReadOnlyCollection<string>? Scope = null)
{
    /// <summary>Only rows after this position (exclusive).</summary>
    public CertificateCursor? After { get; init; }

    /// <summary>Only rows before this position (exclusive).</summary>
    public CertificateCursor? Before { get; init; }

    /// <summary>Take the last <see cref="Limit"/> rows of the window instead of the first.</summary>
    public bool FromEnd { get; init; }
}
