namespace Twins.Testing;

/// <summary>One process of a <see cref="ProductCluster"/>: its name, the process and its HTTP address.</summary>
/// <param name="Name">silo1, silo2, ..., gateway1.</param>
/// <param name="Process">The running process (kill it with <c>Process.Signal(Posix.SigKill)</c>).</param>
/// <param name="BaseAddress">HTTP: <c>/graphql</c>, <c>/readyz</c>, <c>/metrics</c>.</param>
public sealed record ProductProcess(string Name, ExternalProcess Process, Uri BaseAddress);
