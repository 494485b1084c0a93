namespace Twins.Grains.Rotation;

/// <summary>Deadlines and retries of the rotation workflow.</summary>
public sealed record RotationOptions
{
    /// <summary>The shared instance with the defaults.</summary>
    public static RotationOptions Default { get; } = new();

    /// <summary>Rotate this long before the certificate expires (30 days, per the contract).</summary>
    public TimeSpan RotationWindow { get; init; } = TimeSpan.FromDays(30);

    /// <summary>How long a vehicle has to answer with a CSR (it may be offline for a while).</summary>
    public TimeSpan CsrDeadline { get; init; } = TimeSpan.FromDays(3);

    /// <summary>How long issuing may keep failing.</summary>
    public TimeSpan IssueDeadline { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long delivering the certificate may take.</summary>
    public TimeSpan DeliveryDeadline { get; init; } = TimeSpan.FromDays(3);

    /// <summary>How long the vehicle has to reconnect with the new certificate.</summary>
    public TimeSpan ReconnectDeadline { get; init; } = TimeSpan.FromDays(3);

    /// <summary>How long revoking may keep failing.</summary>
    public TimeSpan RevokeDeadline { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Attempts per step (the first included) before the rotation fails.</summary>
    public int MaxAttemptsPerStep { get; init; } = 6;

    /// <summary>Wait after the first attempt; doubles after each further one.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest wait between attempts.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The wait after attempt <paramref name="attempt"/> (1-based): initial × 2^(attempt−1), capped.</summary>
    public TimeSpan BackoffAfter(int attempt)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var wait = TimeSpan.FromTicks((long)Math.Min(InitialBackoff.Ticks * factor, MaxBackoff.Ticks));
        return wait < MaxBackoff ? wait : MaxBackoff;
    }

    /// <summary>The deadline of <paramref name="step"/>.</summary>
    public TimeSpan DeadlineOf(RotationStep step) => step switch
    {
        RotationStep.RequestingCsr => CsrDeadline,
        RotationStep.Issuing => IssueDeadline,
        RotationStep.Delivering => DeliveryDeadline,
        RotationStep.AwaitingReconnect => ReconnectDeadline,
        RotationStep.Revoking => RevokeDeadline,
        _ => TimeSpan.Zero,
    };
}
