using Twins.Grains.Certificates;

namespace Twins.Grains.Rotation;

/// <summary>
/// The certificate rotation workflow of the contract as a durable state machine:
/// RequestingCsr → Issuing → Delivering → AwaitingReconnect → Revoking → Completed, each step with a
/// deadline and retries with exponential backoff, ending Failed with a reason when a step cannot
/// finish, in which case the old certificate is left working (and a new one, if issued, revoked).
/// Inputs from the wrong vehicle or for another step are refused and change nothing. Stateless;
/// the grain persists <see cref="RotationWorkflow"/>, carries out the actions and sets a reminder at
/// <see cref="RotationWorkflow.WakeAt"/>.
/// </summary>
public sealed class RotationEngine
{
    private readonly RotationOptions _options;

    /// <summary>Creates the engine with the given deadlines and retry policy.</summary>
    public RotationEngine(RotationOptions? options = null)
    {
        _options = options ?? RotationOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxAttemptsPerStep, 1);
    }

    /// <summary>Starts a rotation: sends the <c>rotate-certificate</c> command.</summary>
    public RotationStepResult Start(string rotationId, string thingName, string oldCertificateId, RotationTrigger trigger, string? reason, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(rotationId);
        ArgumentException.ThrowIfNullOrEmpty(thingName);
        ArgumentException.ThrowIfNullOrEmpty(oldCertificateId);
        var workflow = new RotationWorkflow
        {
            RotationId = rotationId,
            ThingName = thingName,
            OldCertificateId = oldCertificateId,
            Trigger = trigger,
            TriggerReason = reason,
            StartedAt = now,
            Step = RotationStep.RequestingCsr,
            StepStartedAt = now,
            StepDeadline = now + _options.CsrDeadline,
            Attempt = 1,
            NextAttemptAt = now + _options.BackoffAfter(1),
        };
        return Changed(workflow, ActionFor(workflow));
    }

    /// <summary>The vehicle answered the rotate command with a CSR.</summary>
    public RotationStepResult OnCsr(RotationWorkflow workflow, string fromThingName, string csrPem, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        if (!string.Equals(fromThingName, workflow.ThingName, StringComparison.Ordinal))
        {
            return Refuse(workflow, $"A CSR from '{fromThingName}' for the rotation of '{workflow.ThingName}' is ignored.");
        }

        if (workflow.Step != RotationStep.RequestingCsr)
        {
            return Refuse(workflow, $"The rotation is at {workflow.Step}, not waiting for a CSR.");
        }

        if (string.IsNullOrWhiteSpace(csrPem))
        {
            return Refuse(workflow, "The CSR is empty.");
        }

        var next = EnterStep(workflow with { CsrPem = csrPem, LastError = null }, RotationStep.Issuing, now);
        return Changed(next, ActionFor(next));
    }

    /// <summary>The CA answered: on success deliver the certificate; a refused CSR asks the vehicle for a new one.</summary>
    public RotationStepResult OnIssued(RotationWorkflow workflow, CertificateIssueResult result, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(result);
        if (workflow.Step != RotationStep.Issuing)
        {
            return Refuse(workflow, $"The rotation is at {workflow.Step}, not issuing.");
        }

        if (result.Certificate is not { } certificate)
        {
            // The vehicle's CSR was refused (bad signature, weak key, wrong name): ask again, counting attempts.
            var error = $"The CA refused the CSR: {result.Error!.WireCode}: {result.Error.Message}";
            var retry = workflow with { Step = RotationStep.RequestingCsr, CsrPem = null, LastError = error };
            var attempt = CountAttempt(retry, now);
            return attempt;
        }

        var next = EnterStep(workflow with { NewCertificateId = certificate.CertificateId, NewCertificatePem = certificate.CertificatePem }, RotationStep.Delivering, now);
        return Changed(next, ActionFor(next));
    }

    /// <summary>The vehicle confirmed it installed the certificate: activate it and wait for the reconnect.</summary>
    public RotationStepResult OnDelivered(RotationWorkflow workflow, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        if (workflow.Step != RotationStep.Delivering)
        {
            return Refuse(workflow, $"The rotation is at {workflow.Step}, not delivering.");
        }

        var next = EnterStep(workflow, RotationStep.AwaitingReconnect, now);
        return Changed(next, [new ActivateCertificate(workflow.NewCertificateId!, workflow.ThingName)]);
    }

    /// <summary>
    /// A connected event of the vehicle: if its principal is the new certificate, revoke the old one.
    /// Accepted while delivering too (the install result may be lost while the vehicle already reconnected).
    /// </summary>
    public RotationStepResult OnConnected(RotationWorkflow workflow, string thingName, string? principalIdentifier, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        if (!string.Equals(thingName, workflow.ThingName, StringComparison.Ordinal)
            || workflow.Step is not (RotationStep.AwaitingReconnect or RotationStep.Delivering)
            || !string.Equals(principalIdentifier, workflow.NewCertificateId, StringComparison.Ordinal))
        {
            return new RotationStepResult(workflow, [], null);
        }

        var actions = new List<RotationAction>();
        if (workflow.Step == RotationStep.Delivering)
        {
            actions.Add(new ActivateCertificate(workflow.NewCertificateId!, workflow.ThingName));
        }

        var next = EnterStep(workflow, RotationStep.Revoking, now);
        actions.AddRange(ActionFor(next));
        return Changed(next, actions);
    }

    /// <summary>The old certificate is revoked and the CRL published: the rotation is complete.</summary>
    public static RotationStepResult OnRevoked(RotationWorkflow workflow, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        if (workflow.Step != RotationStep.Revoking)
        {
            return Refuse(workflow, $"The rotation is at {workflow.Step}, not revoking.");
        }

        return Changed(workflow with { Step = RotationStep.Completed, FinishedAt = now, NextAttemptAt = null, LastError = null }, []);
    }

    /// <summary>A step's action failed (command not accepted, CA or storage error): retried at the next attempt.</summary>
    public static RotationStepResult OnStepFailed(RotationWorkflow workflow, string error, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        if (workflow.IsFinished)
        {
            return Refuse(workflow, "The rotation is finished.");
        }

        return Changed(workflow with { LastError = error }, []);
    }

    /// <summary>The reminder: fail past the step's deadline, or repeat the step's action when its backoff elapsed.</summary>
    public RotationStepResult OnTimer(RotationWorkflow workflow, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        if (workflow.IsFinished)
        {
            return new RotationStepResult(workflow, [], null);
        }

        if (now >= workflow.StepDeadline)
        {
            return Fail(workflow, $"{workflow.Step} did not finish before its deadline" + (workflow.LastError is null ? "." : $"; last error: {workflow.LastError}"), now);
        }

        if (workflow.NextAttemptAt is { } next && now >= next)
        {
            return CountAttempt(workflow, now);
        }

        return new RotationStepResult(workflow, [], null);
    }

    private RotationStepResult CountAttempt(RotationWorkflow workflow, DateTimeOffset now)
    {
        if (workflow.Attempt >= _options.MaxAttemptsPerStep)
        {
            return Fail(workflow, $"{workflow.Step} failed after {workflow.Attempt} attempts" + (workflow.LastError is null ? "." : $"; last error: {workflow.LastError}"), now);
        }

        var attempt = workflow.Attempt + 1;
        var next = workflow with { Attempt = attempt, NextAttemptAt = now + _options.BackoffAfter(attempt) };
        return Changed(next, ActionFor(next));
    }

    private static RotationStepResult Fail(RotationWorkflow workflow, string reason, DateTimeOffset now)
    {
        var failed = workflow with { Step = RotationStep.Failed, FailureReason = reason, FinishedAt = now, NextAttemptAt = null };

        // The old certificate keeps working; a new one that was issued but never confirmed must not linger.
        IReadOnlyList<RotationAction> actions = workflow.NewCertificateId is { } issued
            ? [new RevokeCertificate(issued, $"rotation {workflow.RotationId} failed")]
            : [];
        return Changed(failed, actions);
    }

    private RotationWorkflow EnterStep(RotationWorkflow workflow, RotationStep step, DateTimeOffset now) => workflow with
    {
        Step = step,
        StepStartedAt = now,
        StepDeadline = now + _options.DeadlineOf(step),
        Attempt = 1,
        NextAttemptAt = now + _options.BackoffAfter(1),
    };

    private static IReadOnlyList<RotationAction> ActionFor(RotationWorkflow workflow) => workflow.Step switch
    {
        RotationStep.RequestingCsr => [new SendRotateCommand($"{workflow.RotationId}-csr-{workflow.Attempt}", workflow.RotationId, workflow.NextAttemptAt!.Value)],
        RotationStep.Issuing => [new IssueCertificate($"rotation:{workflow.RotationId}", workflow.CsrPem!, workflow.ThingName)],
        RotationStep.Delivering or RotationStep.AwaitingReconnect =>
            [new DeliverCertificate($"{workflow.RotationId}-install-{workflow.Attempt}", workflow.RotationId, workflow.NewCertificateId!, workflow.NewCertificatePem!, workflow.NextAttemptAt!.Value)],
        RotationStep.Revoking => [new RevokeCertificate(workflow.OldCertificateId, $"rotated by {workflow.RotationId}")],
        _ => [],
    };

    private static RotationStepResult Changed(RotationWorkflow workflow, IReadOnlyList<RotationAction> actions) =>
        new(workflow, actions, null) { Changed = true };

    private static RotationStepResult Refuse(RotationWorkflow workflow, string error) => new(workflow, [], error);
}
