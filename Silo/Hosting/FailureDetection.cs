using Orleans.Configuration;

namespace Twins.Silo.Hosting;

/// <summary>
/// Orleans' failure detection as the product sets it. Orleans' defaults declare a silo killed with <c>kill -9</c> dead
/// after ~14 s and a hung one (<c>kill -STOP</c>, sockets open) after ~69 s; vehicles whose grains lived there wait
/// that long. These settings bring that to a few seconds and ~12 s, while a silo still survives a 2-3 s pause (a
/// full GC or CPU starvation on a 2-core host) without being voted dead: a probe must go unanswered three times in a
/// row, each for 2 s, and two silos must agree. Operators override any of them under <c>Twins:Cluster:Membership</c>
/// (Orleans' <see cref="ClusterMembershipOptions"/> names).
/// </summary>
internal static class FailureDetection
{
    /// <summary>A probe unanswered this long counts as missed (Orleans: 5 s).</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Missed probes in a row before a silo suspects its peer (Orleans: 3).</summary>
    public const int NumMissedProbesLimit = 3;

    /// <summary>How often each silo re-reads the membership table (Orleans: 60 s).</summary>
    public static readonly TimeSpan TableRefreshTimeout = TimeSpan.FromSeconds(2);

    /// <summary>How often a silo writes its I-am-alive time (Orleans: 30 s); read by silos joining and by clients.</summary>
    public static readonly TimeSpan IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long a vote for a silo's death counts (Orleans: 120 s).</summary>
    public static readonly TimeSpan DeathVoteExpirationTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How often a gateway process refreshes its list of silos (Orleans: 60 s), so it stops sending to a hung one soon.</summary>
    public static readonly TimeSpan GatewayListRefreshPeriod = TimeSpan.FromSeconds(5);

    /// <summary>Applies the product's values; the configuration section bound afterwards may override each one.</summary>
    public static void Apply(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = ProbeTimeout;
        options.NumMissedProbesLimit = NumMissedProbesLimit;
        options.TableRefreshTimeout = TableRefreshTimeout;
        options.IAmAliveTablePublishTimeout = IAmAliveTablePublishTimeout;
        options.DeathVoteExpirationTimeout = DeathVoteExpirationTimeout;
    }
}
