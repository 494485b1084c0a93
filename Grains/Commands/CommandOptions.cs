namespace Twins.Grains.Commands;

/// <summary>Settings of command executions.</summary>
public sealed record CommandOptions
{
    /// <summary>Executions kept per vehicle by default.</summary>
    public const int DefaultHistoryLimit = 100;

    /// <summary>The shared instance with the defaults.</summary>
    public static CommandOptions Default { get; } = new();

    /// <summary>
    /// How many executions a vehicle keeps; beyond it the oldest finished ones are dropped (open ones
    /// are never dropped, so the history may exceed the limit while that many are open).
    /// </summary>
    public int HistoryLimit { get; init; } = DefaultHistoryLimit;

    /// <summary>The <c>targetArn</c> of status events is this prefix followed by the thing name.</summary>
    public string TargetArnPrefix { get; init; } = "arn:aws:iot:local:000000000000:thing/";
}
