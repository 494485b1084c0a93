namespace Twins.Grains.Commands;

/// <summary>The wire names of <see cref="CommandExecutionStatus"/> (<c>IN_PROGRESS</c>, <c>TIMED_OUT</c>, ...).</summary>
public static class CommandExecutionStatusNames
{
    /// <summary>The upper-case wire name.</summary>
    public static string ToWireName(this CommandExecutionStatus status) => status switch
    {
        CommandExecutionStatus.Created => "CREATED",
        CommandExecutionStatus.Queued => "QUEUED",
        CommandExecutionStatus.InProgress => "IN_PROGRESS",
        CommandExecutionStatus.Succeeded => "SUCCEEDED",
        CommandExecutionStatus.Failed => "FAILED",
        CommandExecutionStatus.Rejected => "REJECTED",
        CommandExecutionStatus.TimedOut => "TIMED_OUT",
        CommandExecutionStatus.Canceled => "CANCELED",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>True for SUCCEEDED, FAILED, REJECTED, TIMED_OUT and CANCELED.</summary>
    public static bool IsTerminal(this CommandExecutionStatus status) =>
        status is CommandExecutionStatus.Succeeded or CommandExecutionStatus.Failed or CommandExecutionStatus.Rejected or CommandExecutionStatus.TimedOut or CommandExecutionStatus.Canceled;

    /// <summary>Parses a status a vehicle may send in its response (not CREATED, QUEUED or CANCELED).</summary>
    public static bool TryParseDeviceStatus(string? name, out CommandExecutionStatus status)
    {
        (var ok, status) = name switch
        {
            "IN_PROGRESS" => (true, CommandExecutionStatus.InProgress),
            "SUCCEEDED" => (true, CommandExecutionStatus.Succeeded),
            "FAILED" => (true, CommandExecutionStatus.Failed),
            "REJECTED" => (true, CommandExecutionStatus.Rejected),
            "TIMED_OUT" => (true, CommandExecutionStatus.TimedOut),
            _ => (false, default),
        };
        return ok;
    }
}
