namespace Twins.Grains.FleetIndex;

/// <summary>What vehicle grains copy into the fleet index (section <c>Twins:FleetIndex</c>).</summary>
public sealed class FleetIndexOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Twins:FleetIndex";

    /// <summary>Longest list of <see cref="ReportedFields"/>.</summary>
    public const int MaxReportedFields = 32;

    /// <summary>Dotted paths into the classic shadow's <c>reported</c> section (for example <c>battery.soc</c>) whose values are indexed.</summary>
    public IList<string> ReportedFields { get; } = [];
}
