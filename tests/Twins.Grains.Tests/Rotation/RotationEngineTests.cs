using Twins.Grains.Certificates;
using Twins.Grains.Rotation;

namespace Twins.Grains.Tests.Rotation;

public sealed class RotationEngineTests
{
    private const string Thing = "Vehicle_1";
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string OldId = new('0', 64);
    private static readonly string NewId = new('1', 64);
    private static readonly CertificateIssueResult Issued = new(new IssuedCertificate(NewId, "5A", Thing, "NEW-PEM", T0, T0.AddDays(365), null), null);
    private readonly RotationEngine _engine = new(new RotationOptions { MaxAttemptsPerStep = 3, InitialBackoff = TimeSpan.FromMinutes(1), MaxBackoff = TimeSpan.FromMinutes(10) });

    private RotationWorkflow Started() => _engine.Start("rot-1", Thing, OldId, RotationTrigger.ExpiryWindow, null, T0).Workflow;

    private RotationWorkflow Delivering() => _engine.OnIssued(_engine.OnCsr(Started(), Thing, "CSR", T0).Workflow, Issued, T0).Workflow;

    private RotationWorkflow AwaitingReconnect() => _engine.OnDelivered(Delivering(), T0.AddMinutes(1)).Workflow;

    [Fact]
    public void HappyPath_RunsEveryStepInOrderWithItsActions()
    {
        var start = _engine.Start("rot-1", Thing, OldId, RotationTrigger.Explicit, "operator", T0);
        var command = Assert.IsType<SendRotateCommand>(Assert.Single(start.Actions));
        Assert.Equal("rot-1-csr-1", command.ExecutionId);
        Assert.Equal(RotationStep.RequestingCsr, start.Workflow.Step);

        var csr = _engine.OnCsr(start.Workflow, Thing, "CSR", T0.AddSeconds(10));
        var issue = Assert.IsType<IssueCertificate>(Assert.Single(csr.Actions));
        Assert.Equal(new IssueCertificate("rotation:rot-1", "CSR", Thing), issue);

        var issued = _engine.OnIssued(csr.Workflow, Issued, T0.AddSeconds(11));
        var deliver = Assert.IsType<DeliverCertificate>(Assert.Single(issued.Actions));
        Assert.Equal(NewId, deliver.CertificateId);
        Assert.Equal("NEW-PEM", deliver.CertificatePem);

        var delivered = _engine.OnDelivered(issued.Workflow, T0.AddSeconds(20));
        Assert.Equal(new ActivateCertificate(NewId, Thing), Assert.Single(delivered.Actions));
        Assert.Equal(RotationStep.AwaitingReconnect, delivered.Workflow.Step);

        var reconnected = _engine.OnConnected(delivered.Workflow, Thing, NewId, T0.AddSeconds(30));
        Assert.Equal(new RevokeCertificate(OldId, "rotated by rot-1"), Assert.Single(reconnected.Actions));

        var done = RotationEngine.OnRevoked(reconnected.Workflow, T0.AddSeconds(31));
        Assert.Equal(RotationStep.Completed, done.Workflow.Step);
        Assert.True(done.Workflow.IsFinished);
        Assert.Null(done.Workflow.WakeAt);
        Assert.Equal(T0.AddSeconds(31), done.Workflow.FinishedAt);
    }

    [Fact]
    public void OnCsr_FromAnotherVehicle_IsRefusedAndChangesNothing()
    {
        var workflow = Started();

        var result = _engine.OnCsr(workflow, "Vehicle_2", "CSR", T0);

        Assert.NotNull(result.Error);
        Assert.False(result.Changed);
        Assert.Same(workflow, result.Workflow);
        Assert.Empty(result.Actions);
    }

    [Fact]
    public void OnConnected_WithTheOldCertificate_KeepsWaiting()
    {
        var workflow = AwaitingReconnect();

        var result = _engine.OnConnected(workflow, Thing, OldId, T0.AddMinutes(2));

        Assert.False(result.Changed);
        Assert.Equal(RotationStep.AwaitingReconnect, result.Workflow.Step);
    }

    [Fact]
    public void OnConnected_WithNewCertificateWhileDelivering_ActivatesAndRevokes()
    {
        var result = _engine.OnConnected(Delivering(), Thing, NewId, T0.AddMinutes(2));

        Assert.Equal([new ActivateCertificate(NewId, Thing), new RevokeCertificate(OldId, "rotated by rot-1")], result.Actions);
        Assert.Equal(RotationStep.Revoking, result.Workflow.Step);
    }

    [Fact]
    public void OnTimer_NoAnswer_RetriesWithExponentialBackoff()
    {
        var workflow = Started();
        Assert.Equal(T0.AddMinutes(1), workflow.WakeAt);

        var early = _engine.OnTimer(workflow, T0.AddSeconds(59));
        var second = _engine.OnTimer(workflow, T0.AddMinutes(1));
        var third = _engine.OnTimer(second.Workflow, T0.AddMinutes(3));

        Assert.False(early.Changed);
        Assert.Equal("rot-1-csr-2", Assert.IsType<SendRotateCommand>(Assert.Single(second.Actions)).ExecutionId);
        Assert.Equal(T0.AddMinutes(3), second.Workflow.NextAttemptAt);
        Assert.Equal("rot-1-csr-3", Assert.IsType<SendRotateCommand>(Assert.Single(third.Actions)).ExecutionId);
        Assert.Equal(T0.AddMinutes(7), third.Workflow.NextAttemptAt);
    }

    [Fact]
    public void OnTimer_AttemptsExhausted_FailsWithReasonLeavingOldCertificate()
    {
        var workflow = Started();
        workflow = RotationEngine.OnStepFailed(workflow, "broker refused the publish", T0).Workflow;
        workflow = _engine.OnTimer(workflow, T0.AddMinutes(1)).Workflow;
        workflow = _engine.OnTimer(workflow, T0.AddMinutes(3)).Workflow;

        var failed = _engine.OnTimer(workflow, T0.AddMinutes(7));

        Assert.Equal(RotationStep.Failed, failed.Workflow.Step);
        Assert.Contains("RequestingCsr failed after 3 attempts", failed.Workflow.FailureReason, StringComparison.Ordinal);
        Assert.Contains("broker refused the publish", failed.Workflow.FailureReason, StringComparison.Ordinal);
        Assert.Empty(failed.Actions);
    }

    [Fact]
    public void OnTimer_PastStepDeadline_FailsAndRevokesTheUnconfirmedNewCertificate()
    {
        var workflow = AwaitingReconnect();

        var failed = _engine.OnTimer(workflow, workflow.StepDeadline);

        Assert.Equal(RotationStep.Failed, failed.Workflow.Step);
        Assert.Contains("AwaitingReconnect did not finish before its deadline", failed.Workflow.FailureReason, StringComparison.Ordinal);
        Assert.Equal([new RevokeCertificate(NewId, "rotation rot-1 failed")], failed.Actions);
        Assert.DoesNotContain(failed.Actions, a => a is RevokeCertificate r && r.CertificateId == OldId);
    }

    [Fact]
    public void OnIssued_CsrRefusedByCa_AsksForANewCsr()
    {
        var issuing = _engine.OnCsr(Started(), Thing, "CSR", T0).Workflow;

        var result = _engine.OnIssued(issuing, CertificateIssueResult.Fail(CertificateErrorCode.WeakKey, "RSA 1024"), T0.AddSeconds(1));

        Assert.Equal(RotationStep.RequestingCsr, result.Workflow.Step);
        Assert.Equal(2, result.Workflow.Attempt);
        Assert.IsType<SendRotateCommand>(Assert.Single(result.Actions));
        Assert.Contains("WeakKey", result.Workflow.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void Inputs_ForAnotherStep_AreRefused()
    {
        var workflow = Started();

        Assert.NotNull(_engine.OnIssued(workflow, Issued, T0).Error);
        Assert.NotNull(_engine.OnDelivered(workflow, T0).Error);
        Assert.NotNull(RotationEngine.OnRevoked(workflow, T0).Error);
        Assert.NotNull(_engine.OnCsr(Delivering(), Thing, "CSR2", T0).Error);
    }

    [Fact]
    public void OnTimer_Finished_DoesNothing()
    {
        var failed = _engine.OnTimer(AwaitingReconnect(), T0.AddDays(10)).Workflow;

        Assert.False(_engine.OnTimer(failed, T0.AddDays(20)).Changed);
    }

    [Fact]
    public void BackoffAfter_DoublesAndCaps()
    {
        var options = new RotationOptions { InitialBackoff = TimeSpan.FromMinutes(1), MaxBackoff = TimeSpan.FromMinutes(10) };

        Assert.Equal([1, 2, 4, 8, 10, 10], Enumerable.Range(1, 6).Select(a => options.BackoffAfter(a).TotalMinutes));
    }

    [Fact]
    public void Workflow_RoundTripsThroughJson()
    {
        var workflow = Delivering();

        var restored = System.Text.Json.JsonSerializer.Deserialize<RotationWorkflow>(System.Text.Json.JsonSerializer.Serialize(workflow));

        Assert.Equal(workflow, restored);
    }
}
