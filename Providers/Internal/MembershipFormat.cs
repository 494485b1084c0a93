using System.Globalization;
using System.Net;
using System.Text;

namespace Twins.Providers.Internal;

/// <summary>How both membership tables store the parts of a <see cref="MembershipEntry"/> that are not plain columns.</summary>
internal static class MembershipFormat
{
    /// <summary>Suspect votes as <c>silo@ticks</c> joined by <c>|</c> (a silo's parsable form has neither character after its generation).</summary>
    public static string? FormatSuspectTimes(List<Tuple<SiloAddress, DateTime>>? votes)
    {
        if (votes is null)
        {
            return null;
        }

        var text = new StringBuilder();
        foreach (var (silo, time) in votes)
        {
            if (text.Length > 0)
            {
                text.Append('|');
            }

            text.Append(silo.ToParsableString()).Append('@').Append(StoredTime.ToTicks(time).ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    public static List<Tuple<SiloAddress, DateTime>>? ParseSuspectTimes(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var votes = new List<Tuple<SiloAddress, DateTime>>();
        foreach (var vote in text.Split('|', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = vote.LastIndexOf('@');
            votes.Add(Tuple.Create(
                SiloAddress.FromParsableString(vote[..at]),
                StoredTime.FromTicks(long.Parse(vote.AsSpan(at + 1), NumberStyles.Integer, CultureInfo.InvariantCulture))));
        }

        return votes;
    }

    /// <summary>
    /// The last time the entry is known to have changed: its start, its last heartbeat or the latest suspect vote
    /// (a silo declared dead long after its last heartbeat stays visible until the cleanup horizon passes that vote).
    /// </summary>
    public static DateTime LastUpdate(MembershipEntry entry)
    {
        var latest = Math.Max(StoredTime.ToTicks(entry.StartTime), StoredTime.ToTicks(entry.IAmAliveTime));
        foreach (var (_, time) in entry.SuspectTimes ?? [])
        {
            latest = Math.Max(latest, StoredTime.ToTicks(time));
        }

        return StoredTime.FromTicks(latest);
    }

    /// <summary>Whether <see cref="Orleans.IMembershipTable.CleanupDefunctSiloEntries"/> removes the entry: not active and unchanged since before the horizon.</summary>
    public static bool IsDefunct(MembershipEntry entry, DateTimeOffset before) =>
        entry.Status != SiloStatus.Active && LastUpdate(entry) < before.UtcDateTime;

    /// <summary>The gateway a client connects to for an active silo with a proxy port, or null.</summary>
    public static Uri? GatewayUri(MembershipEntry entry) =>
        entry.Status == SiloStatus.Active && entry.ProxyPort > 0
            ? SiloAddress.New(new IPEndPoint(entry.SiloAddress.Endpoint.Address, entry.ProxyPort), entry.SiloAddress.Generation).ToGatewayUri()
            : null;
}
