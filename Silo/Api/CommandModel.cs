using Twins.Grains.Commands;

namespace Twins.Silo.Api;

/// <summary>The parent object of the <c>CommandExecution</c> type.</summary>
internal sealed record CommandModel(string ThingName, CommandExecution Execution);
