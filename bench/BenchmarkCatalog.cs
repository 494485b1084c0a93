namespace Twins.Bench;

/// <summary>
/// Every benchmark in this assembly, found once at start-up: adding a benchmark is adding a class
/// that implements <see cref="IBenchmark"/> with a parameterless constructor.
/// </summary>
internal static class BenchmarkCatalog
{
    public static IReadOnlyList<IBenchmark> All { get; } = typeof(BenchmarkCatalog).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IBenchmark).IsAssignableFrom(t))
        .Select(t => (IBenchmark)Activator.CreateInstance(t, nonPublic: true)!)
        .OrderBy(b => b.Name, StringComparer.Ordinal)
        .ToArray();
}
