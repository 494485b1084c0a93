using System.Collections.Concurrent;

namespace Twins.Actors.Tests.Grains;

/// <summary>What test grains did, shared by the test and every silo of its cluster (survives silo restarts).</summary>
public sealed class Journal
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyList<string> Entries => _entries.ToArray();

    public void Add(string entry) => _entries.Enqueue(entry);

    public int Count(string entry) => _entries.Count(e => e == entry);
}
