using System.Runtime.CompilerServices;
using Twins.Actors.Membership;

namespace Twins.Actors.Placement;

/// <summary>
/// Rendezvous (highest random weight) hashing: every silo scores every grain and the highest score owns
/// it. Any two parties with the same view agree without a directory, and adding or removing one silo moves
/// only the grains that silo wins or held (about 1/N of them).
/// </summary>
public static class RendezvousPlacement
{
    /// <summary>The owner of <paramref name="grainId"/> among <paramref name="silos"/>, or null when there are none.</summary>
    public static SiloAddress? Owner(GrainId grainId, IReadOnlyList<SiloAddress> silos)
    {
        ArgumentNullException.ThrowIfNull(silos);
        if (silos.Count == 0)
        {
            return null;
        }

        var grainHash = Hash(grainId);
        SiloAddress? best = null;
        var bestScore = 0UL;
        foreach (var silo in silos)
        {
            var score = Mix(grainHash ^ SiloHash(silo));
            if (best is null || score > bestScore)
            {
                best = silo;
                bestScore = score;
            }
        }

        return best;
    }

    /// <summary>A stable 64-bit hash of a grain id (FNV-1a over its UTF-16 code units, then mixed).</summary>
    public static ulong Hash(GrainId grainId)
    {
        var hash = Fnv(Fnv(14695981039346656037UL, grainId.Type), "/");
        return Mix(Fnv(hash, grainId.Key));
    }

    private static ulong SiloHash(SiloAddress silo) => silo.Hash;

    internal static ulong ComputeSiloHash(string address) => Mix(Fnv(14695981039346656037UL, address));

    private static ulong Fnv(ulong hash, string text)
    {
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>splitmix64's finalizer: spreads every input bit over the output.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
        return z ^ (z >> 31);
    }
}
