namespace Twins.Grains.Interfaces.Certificates;

/// <summary>A vehicle's certificate rotation (the current one, or the last finished).</summary>
/// <param name="RotationId">Unique id; also the idempotency key of its certificate issue.</param>
/// <param name="Trigger"><c>ExpiryWindow</c>, <c>Explicit</c> or <c>SecurityFinding</c>.</param>
/// <param name="TriggerReason">Why it started, if told.</param>
/// <param name="Step"><c>RequestingCsr</c>, <c>Issuing</c>, <c>Delivering</c>, <c>AwaitingReconnect</c>, <c>Revoking</c>, <c>Completed</c> or <c>Failed</c>.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="StepDeadline">When the current step fails if unfinished.</param>
/// <param name="Attempt">Attempt number within the step.</param>
/// <param name="OldCertificateId">The certificate being replaced (keeps working if the rotation fails).</param>
/// <param name="NewCertificateId">The new certificate once issued.</param>
/// <param name="LastError">The last refused step input or failed attempt.</param>
/// <param name="FinishedAt">When it completed or failed.</param>
/// <param name="FailureReason">Why it failed.</param>
[GenerateSerializer]
[Immutable]
[Alias("Twins.RotationInfo")]
public sealed record RotationInfo(
    [Id(0)] string RotationId,
    [Id(1)] string Trigger,
    [Id(2)] string? TriggerReason,
    [Id(3)] string Step,
    [Id(4)] DateTimeOffset StartedAt,
    [Id(5)] DateTimeOffset StepDeadline,
    [Id(6)] int Attempt,
    [Id(7)] string OldCertificateId,
    [Id(8)] string? NewCertificateId,
    [Id(9)] string? LastError,
    [Id(10)] DateTimeOffset? FinishedAt,
    [Id(11)] string? FailureReason);
