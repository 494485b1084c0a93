using System.Collections.Immutable;

namespace Twins.Grains.Commands;

/// <summary>A vehicle's command executions, oldest first, bounded by <see cref="CommandOptions.HistoryLimit"/>. Persisted by the grain.</summary>
/// <param name="Executions">Every kept execution in creation order.</param>
public sealed record CommandLedger(ImmutableList<CommandExecution> Executions)
{
    /// <summary>A vehicle that never had a command.</summary>
    public static CommandLedger Empty { get; } = new(ImmutableList<CommandExecution>.Empty);

    /// <summary>The execution with <paramref name="executionId"/>, or <c>null</c>.</summary>
    public CommandExecution? Find(string executionId) => Executions.Find(e => string.Equals(e.ExecutionId, executionId, StringComparison.Ordinal));

    /// <summary>Executions waiting for the vehicle to connect.</summary>
    public IEnumerable<CommandExecution> Queued => Executions.Where(e => e.Status == CommandExecutionStatus.Queued);

    /// <summary>The earliest deadline among executions that are not terminal yet: when the grain's reminder should fire.</summary>
    public DateTimeOffset? NextDeadline => Executions.Where(e => !e.IsTerminal).Select(e => (DateTimeOffset?)e.Deadline).Min();

    internal CommandLedger Put(CommandExecution execution, int historyLimit)
    {
        var index = Executions.FindIndex(e => string.Equals(e.ExecutionId, execution.ExecutionId, StringComparison.Ordinal));
        var executions = index >= 0 ? Executions.SetItem(index, execution) : Executions.Add(execution);
        while (executions.Count > historyLimit)
        {
            // Drop the oldest finished execution; open ones are kept whatever the limit.
            var oldest = executions.FindIndex(e => e.IsFinal);
            if (oldest < 0)
            {
                oldest = executions.FindIndex(e => e.IsTerminal);
            }

            if (oldest < 0)
            {
                break;
            }

            executions = executions.RemoveAt(oldest);
        }

        return new CommandLedger(executions);
    }
}
