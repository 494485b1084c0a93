namespace Twins.Silo.Tests.Observability;

/// <summary>
/// Tests that read a silo's /metrics (directly or through the operations console) run alone, after the others:
/// OpenTelemetry listens to meters by name across the whole process, so the silos of tests running beside them would
/// add their series to this silo's figures.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessMetricsTests
{
    public const string Name = "Process metrics";
}
