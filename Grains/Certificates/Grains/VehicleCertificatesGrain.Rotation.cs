using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Twins.Grains.Internal;
using Twins.Grains.Commands;
using Twins.Grains.Interfaces.Certificates;
using Twins.Grains.Interfaces.Vehicles;
using Twins.Grains.Rotation;

namespace Twins.Grains.Certificates.Grains;

/// <summary>The rotation workflow: <see cref="RotationEngine"/> decides, this grain carries out its actions and keeps its reminders.</summary>
internal sealed partial class VehicleCertificatesGrain
{
    internal const string RotationReminder = "rotation-step";
    internal const string WindowReminder = "rotation-window";

    private DateTimeOffset Now => _services.Time.GetUtcNow();

    public Task<RotationInfo?> GetRotationAsync() => Task.FromResult(Book.Rotation is { } r ? ToInfo(r) : null);

    public Task<RotationInfo?> RotateAsync(string? reason) => StartRotationAsync(RotationTrigger.Explicit, reason);

    public Task<RotationInfo?> ReportSecurityFindingAsync(string finding) => StartRotationAsync(RotationTrigger.SecurityFinding, finding);

    public async Task OnCommandUpdatedAsync(string executionId)
    {
        if (Book.Rotation is { IsFinished: false } rotation && executionId.StartsWith(rotation.RotationId + "-", StringComparison.Ordinal))
        {
            await CheckCommandAsync(rotation, executionId);
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        switch (reminderName)
        {
            case RotationReminder when Book.Rotation is { IsFinished: false } rotation:
                // A missed gateway notification is caught here: look at the command the step waits for first.
                await CheckCommandAsync(rotation, CurrentExecutionId(rotation));
                if (Book.Rotation is { IsFinished: false } current)
                {
                    await RunRotationAsync(_services.Rotation.OnTimer(current, Now));
                }

                break;
            case WindowReminder:
                await UnregisterAsync(WindowReminder);
                if (Book.Policy.ActiveCertificateId is { } active
                    && await GrainFactory.GetGrain<ICertificateGrain>(active).GetAsync() is { } certificate
                    && certificate.Status == "ACTIVE"
                    && Now >= certificate.NotAfter - _services.Options.Rotation.RotationWindow)
                {
                    await StartRotationAsync(RotationTrigger.ExpiryWindow, $"certificate expires {certificate.NotAfter:O}");
                }
                else
                {
                    await ScheduleRotationWindowAsync();
                }

                break;
            default:
                await UnregisterAsync(reminderName);
                break;
        }
    }

    private async Task<RotationInfo?> StartRotationAsync(RotationTrigger trigger, string? reason)
    {
        if (Book.Rotation is { IsFinished: false } running)
        {
            return ToInfo(running);
        }

        if (Book.Policy.ActiveCertificateId is not { } current)
        {
            return null;
        }

        var rotationId = $"{ThingName}-rot-{Now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}";
        LogRotationStarted(_logger, ThingName, rotationId, trigger, reason);
        await RunRotationAsync(_services.Rotation.Start(rotationId, ThingName, current, trigger, reason, Now));
        return Book.Rotation is { } r ? ToInfo(r) : null;
    }

    /// <summary>Persists each step's workflow before carrying out its actions; an action whose outcome feeds the engine continues the loop.</summary>
    private async Task RunRotationAsync(RotationStepResult result)
    {
        for (RotationStepResult? next = result; next is not null;)
        {
            var current = next;
            next = null;
            if (current.Error is not null)
            {
                LogRotationRefused(_logger, ThingName, current.Workflow.RotationId, current.Error);
                return;
            }

            if (!current.Changed)
            {
                return;
            }

            await SaveRotationAsync(current.Workflow);
            if (current.Workflow.Step == RotationStep.Failed)
            {
                LogRotationFailed(_logger, ThingName, current.Workflow.RotationId, current.Workflow.FailureReason);
            }
            else if (current.Workflow.Step == RotationStep.Completed)
            {
                LogRotationCompleted(_logger, ThingName, current.Workflow.RotationId, current.Workflow.NewCertificateId);
            }

            foreach (var action in current.Actions)
            {
                next ??= await ExecuteAsync(current.Workflow, action);
            }
        }
    }

    private async Task<RotationStepResult?> ExecuteAsync(RotationWorkflow workflow, RotationAction action)
    {
        switch (action)
        {
            case SendRotateCommand send:
                await Vehicle.SendCommandAsync(new CommandRequest(send.ExecutionId, SendRotateCommand.CommandName, null, send.Deadline));
                return null;
            case IssueCertificate issue:
            {
                var authority = await _services.AuthorityAsync();
                var issued = await authority.IssueFromCsrAsync(issue.RequestId, issue.CsrPem, issue.ThingName);
                if (issued.Certificate is { } certificate)
                {
                    await GrainFactory.GetGrain<ICertificateGrain>(certificate.CertificateId).RegisterAsync(new CertificateRegistration(
                        certificate.SerialNumber, certificate.CommonName, certificate.NotBefore, certificate.NotAfter, null, null, issue.ThingName));
                    if (!Book.History.Contains(certificate.CertificateId, StringComparer.Ordinal))
                    {
                        _state.State = Book with { History = Book.History.Add(certificate.CertificateId) };
                        await _state.WriteStateAsync();
                    }
                }
                else
                {
                    LogRotationRefused(_logger, ThingName, workflow.RotationId, $"{issued.Error!.WireCode}: {issued.Error.Message}");
                }

                return _services.Rotation.OnIssued(workflow, issued, Now);
            }

            case DeliverCertificate deliver:
            {
                var parameters = JsonSerializer.Serialize(new Dictionary<string, string>
                {
                    ["certificateId"] = deliver.CertificateId,
                    ["certificatePem"] = deliver.CertificatePem,
                }, CertificateStateJsonContext.Default.DictionaryStringString);
                await Vehicle.SendCommandAsync(new CommandRequest(deliver.ExecutionId, DeliverCertificate.CommandName, parameters, deliver.Deadline));
                return null;
            }

            case ActivateCertificate activate:
                await GrainFactory.GetGrain<ICertificateGrain>(activate.CertificateId).ActivateAsync(activate.ThingName);
                return null;
            case RevokeCertificate revoke:
            {
                var revoked = await GrainFactory.GetGrain<ICertificateGrain>(revoke.CertificateId).RevokeAsync(revoke.Reason);
                if (workflow.Step != RotationStep.Revoking || revoke.CertificateId != workflow.OldCertificateId)
                {
                    return null;
                }

                if (!revoked.Succeeded)
                {
                    return RotationEngine.OnStepFailed(workflow, revoked.ErrorMessage ?? "revocation refused", Now);
                }

                // The new certificate is now the vehicle's current one.
                _state.State = Book with { Policy = Book.Policy with { ActiveCertificateId = workflow.NewCertificateId } };
                await _state.WriteStateAsync();
                await ScheduleRotationWindowAsync();
                return RotationEngine.OnRevoked(workflow, Now);
            }

            default:
                return null;
        }
    }

    private async Task CheckCommandAsync(RotationWorkflow rotation, string executionId)
    {
        if (await Vehicle.GetCommandAsync(executionId) is not { Status: CommandExecutionStatus.Succeeded } execution)
        {
            return;
        }

        if (rotation.Step == RotationStep.RequestingCsr && execution.Command == SendRotateCommand.CommandName)
        {
            var csr = execution.Result is { ValueKind: JsonValueKind.Object } result
                && result.TryGetProperty("certificateSigningRequest", out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
            await RunRotationAsync(_services.Rotation.OnCsr(rotation, ThingName, csr ?? string.Empty, Now));
        }
        else if (rotation.Step == RotationStep.Delivering && execution.Command == DeliverCertificate.CommandName)
        {
            await RunRotationAsync(_services.Rotation.OnDelivered(rotation, Now));
        }
    }

    private static string CurrentExecutionId(RotationWorkflow rotation) => rotation.Step switch
    {
        RotationStep.RequestingCsr => $"{rotation.RotationId}-csr-{rotation.Attempt}",
        _ => $"{rotation.RotationId}-install-{rotation.Attempt}",
    };

    private async Task SaveRotationAsync(RotationWorkflow workflow)
    {
        _state.State = Book with { Rotation = workflow };
        await _state.WriteStateAsync();
        if (workflow.WakeAt is { } wake)
        {
            var due = wake - Now;
            await this.RegisterOrUpdateReminder(RotationReminder, GrainReminders.DueTime(due), GrainReminders.OneShotPeriod);
        }
        else
        {
            await UnregisterAsync(RotationReminder);
        }
    }

    private async Task ScheduleRotationWindowAsync()
    {
        if (Book.Policy.ActiveCertificateId is not { } active || await GrainFactory.GetGrain<ICertificateGrain>(active).GetAsync() is not { } certificate)
        {
            return;
        }

        var due = certificate.NotAfter - _services.Options.Rotation.RotationWindow - Now;
        await this.RegisterOrUpdateReminder(WindowReminder, GrainReminders.DueTime(due), GrainReminders.OneShotPeriod);
    }

    private async Task UnregisterAsync(string name)
    {
        if (await this.GetReminder(name) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private IVehicleGrain Vehicle => GrainFactory.GetGrain<IVehicleGrain>(ThingName);

    private static RotationInfo ToInfo(RotationWorkflow r) => new(
        r.RotationId, r.Trigger.ToString(), r.TriggerReason, r.Step.ToString(), r.StartedAt, r.StepDeadline, r.Attempt,
        r.OldCertificateId, r.NewCertificateId, r.LastError, r.FinishedAt, r.FailureReason);

    [LoggerMessage(EventId = 8151, Level = LogLevel.Information, Message = "{ThingName}: rotation {RotationId} started ({Trigger}: {Reason})")]
    private static partial void LogRotationStarted(ILogger logger, string thingName, string rotationId, RotationTrigger trigger, string? reason);

    [LoggerMessage(EventId = 8152, Level = LogLevel.Warning, Message = "{ThingName}: rotation {RotationId} refused an input: {Error}")]
    private static partial void LogRotationRefused(ILogger logger, string thingName, string rotationId, string error);

    [LoggerMessage(EventId = 8153, Level = LogLevel.Warning, Message = "{ThingName}: rotation {RotationId} FAILED: {Reason}; the old certificate keeps working")]
    private static partial void LogRotationFailed(ILogger logger, string thingName, string rotationId, string? reason);

    [LoggerMessage(EventId = 8154, Level = LogLevel.Information, Message = "{ThingName}: rotation {RotationId} completed; current certificate {CertificateId}")]
    private static partial void LogRotationCompleted(ILogger logger, string thingName, string rotationId, string? certificateId);
}
