namespace Twins.Grains.Interfaces.Vehicles;

/// <summary>A command to send to a vehicle.</summary>
/// <param name="ExecutionId">Unique per execution (1-64 of <c>[a-zA-Z0-9:_-]</c>); retrying with the same id is idempotent.</param>
/// <param name="Command">The command's name, e.g. <c>unlock</c>.</param>
/// <param name="ParametersJson">The parameters as a JSON object, or <c>null</c>.</param>
/// <param name="Deadline">After this Twins no longer sends it and times it out.</param>
[GenerateSerializer]
[Immutable]
[Alias("Twins.CommandRequest")]
public sealed record CommandRequest([Id(0)] string ExecutionId, [Id(1)] string Command, [Id(2)] string? ParametersJson, [Id(3)] DateTimeOffset Deadline);
