namespace Twins.Bench;

/// <summary>
/// One benchmark run by <c>./twins bench &lt;name&gt;</c>. Each measures Twins next to a baseline
/// measured in the same run and prints both, so the ratio is meaningful on a noisy shared machine.
/// </summary>
internal interface IBenchmark
{
    /// <summary>The name given on the command line.</summary>
    string Name { get; }

    /// <summary>One line: what is measured and against which baseline.</summary>
    string Description { get; }

    /// <summary>Runs the benchmark and prints its results; returns the process exit code.</summary>
    Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken);
}
