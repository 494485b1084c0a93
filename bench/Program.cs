using Twins.Bench;

// Usage: Twins.Bench            -> lists the benchmarks
//        Twins.Bench <name> ... -> runs one
if (args.Length == 0)
{
    Console.WriteLine("Benchmarks (run one with ./twins bench <name>):");
    if (BenchmarkCatalog.All.Count == 0)
    {
        Console.WriteLine("  (none yet)");
    }

    foreach (var benchmark in BenchmarkCatalog.All)
    {
        Console.WriteLine($"  {benchmark.Name,-24} {benchmark.Description}");
    }

    return 0;
}

var chosen = BenchmarkCatalog.All.FirstOrDefault(b => string.Equals(b.Name, args[0], StringComparison.OrdinalIgnoreCase));
if (chosen is null)
{
    await Console.Error.WriteLineAsync($"No benchmark named '{args[0]}'. Run ./twins bench to list them.");
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await chosen.RunAsync(args[1..], cancel.Token);
