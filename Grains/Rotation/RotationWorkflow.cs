namespace Twins.Grains.Rotation;

/// <summary>One certificate rotation as the CertificateGrain persists it (a durable state machine driven by reminders).</summary>
public sealed record RotationWorkflow
{
    /// <summary>Unique per rotation; issuing is idempotent per this id.</summary>
    public required string RotationId { get; init; }

    /// <summary>The vehicle being rotated.</summary>
    public required string ThingName { get; init; }

    /// <summary>The certificate being replaced.</summary>
    public required string OldCertificateId { get; init; }

    /// <summary>Why the rotation started.</summary>
    public required RotationTrigger Trigger { get; init; }

    /// <summary>Details of the trigger (the finding, who asked).</summary>
    public string? TriggerReason { get; init; }

    /// <summary>When it started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>The current step.</summary>
    public required RotationStep Step { get; init; }

    /// <summary>When the current step began.</summary>
    public required DateTimeOffset StepStartedAt { get; init; }

    /// <summary>The current step must finish by then, else the rotation fails.</summary>
    public required DateTimeOffset StepDeadline { get; init; }

    /// <summary>Attempts made at the current step (1 after the first).</summary>
    public required int Attempt { get; init; }

    /// <summary>When the current step's action is repeated if nothing happened.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>The vehicle's CSR, once received.</summary>
    public string? CsrPem { get; init; }

    /// <summary>The new certificate's id, once issued.</summary>
    public string? NewCertificateId { get; init; }

    /// <summary>The new certificate, once issued.</summary>
    public string? NewCertificatePem { get; init; }

    /// <summary>The last thing that went wrong (kept for the failure reason).</summary>
    public string? LastError { get; init; }

    /// <summary>When it completed or failed.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Why it failed.</summary>
    public string? FailureReason { get; init; }

    /// <summary>True once Completed or Failed.</summary>
    public bool IsFinished => Step is RotationStep.Completed or RotationStep.Failed;

    /// <summary>When the grain's reminder should next call <see cref="RotationEngine.OnTimer"/>, or <c>null</c> when finished.</summary>
    public DateTimeOffset? WakeAt => IsFinished ? null : NextAttemptAt is { } next && next < StepDeadline ? next : StepDeadline;
}
