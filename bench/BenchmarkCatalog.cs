namespace Twins.Bench;

/// <summary>Every benchmark, by name. Later issues add theirs here.</summary>
internal static class BenchmarkCatalog
{
    public static IReadOnlyList<IBenchmark> All { get; } = [];
}
