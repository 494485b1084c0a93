using System.Text.Json;
using Microsoft.Extensions.Logging;
using Twins.Grains.Internal;
using Twins.Grains.Interfaces.Certificates;
using Twins.Grains.Interfaces.Vehicles;

namespace Twins.Grains.Certificates.Grains;

/// <summary>One certificate's lifecycle, persisted; see <see cref="ICertificateGrain"/>.</summary>
[GrainType("certificate")]
internal sealed partial class CertificateGrain : Grain, ICertificateGrain, IRemindable
{
    internal const string AbandonReminder = "ownership-token-expiry";

    /// <summary>Checks, a grace period after asking, that a revoked certificate's connection has ended; takes it over if not.</summary>
    internal const string RevokedConnectionReminder = "revoked-connection";

    /// <summary>The command that asks a vehicle to disconnect because the certificate it is connected with was revoked.</summary>
    internal const string DisconnectCommand = "disconnect";

    private readonly IPersistentState<CertificateRecord> _state;
    private readonly CertificateServices _services;
    private readonly ILogger<CertificateGrain> _logger;

    public CertificateGrain(
        [PersistentState("certificate")] IPersistentState<CertificateRecord> state,
        CertificateServices services,
        ILogger<CertificateGrain> logger)
    {
        _state = state;
        _services = services;
        _logger = logger;
    }

    private CertificateRecord? Record => _state.RecordExists ? _state.State : null;

    private DateTimeOffset Now => _services.Time.GetUtcNow();

    public Task<CertificateInfo?> GetAsync() => Task.FromResult(Record is { } r ? ToInfo(r) : null);

    public async Task<CertificateInfo> RegisterAsync(CertificateRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        if (Record is { } existing)
        {
            return ToInfo(existing);
        }

        var record = new CertificateRecord
        {
            CertificateId = this.GetPrimaryKeyString(),
            SerialNumber = registration.SerialNumber,
            CommonName = registration.CommonName,
            ThingName = registration.ThingName,
            Status = CertificateStatus.PendingActivation,
            CreatedAt = Now,
            NotBefore = registration.NotBefore,
            NotAfter = registration.NotAfter,
            OwnershipTokenHash = registration.OwnershipTokenHash,
            OwnershipTokenExpiresAt = registration.OwnershipTokenExpiresAt,
        };
        _state.State = record;
        await _state.WriteStateAsync();
        await WriteFleetIndexAsync();
        if (record.OwnershipTokenExpiresAt is { } expires)
        {
            var due = expires - Now;
            await this.RegisterOrUpdateReminder(AbandonReminder, GrainReminders.DueTime(due), GrainReminders.OneShotPeriod);
        }

        return ToInfo(record);
    }

    public async Task<CertificateChangeResult> ClaimAsync(string ownershipTokenHash, string thingName)
    {
        if (Record is not { } record)
        {
            return Refused("InvalidCertificateOwnershipToken", "The certificate this token names does not exist (any more).");
        }

        var consumed = CertificateLifecycle.ConsumeOwnershipToken(record, ownershipTokenHash, thingName, Now, out var error);
        if (error is not null)
        {
            return new CertificateChangeResult(ToInfo(record), false, error.ErrorCode, error.ErrorMessage);
        }

        if (!consumed.Changed)
        {
            // The same provision request again for the thing this token already registered: answered as before.
            LogClaimRepeated(_logger, record.CertificateId, thingName);
            return new CertificateChangeResult(ToInfo(record), true, null, null);
        }

        var activated = CertificateLifecycle.Activate(consumed.Record, thingName, Now);
        if (!activated.Succeeded)
        {
            return new CertificateChangeResult(ToInfo(record), false, "InvalidCertificateState", activated.Error);
        }

        _state.State = activated.Record;
        await _state.WriteStateAsync();
        await WriteFleetIndexAsync();

        // The token-expiry reminder is left to fire (one-shot): it finds the certificate claimed and does
        // nothing. Unregistering it here would cost one more reminder-table commit per provisioned vehicle.
        LogActivated(_logger, record.CertificateId, thingName);
        return new CertificateChangeResult(ToInfo(activated.Record), true, null, null);
    }

    public Task<CertificateChangeResult> ActivateAsync(string thingName) =>
        ApplyAsync(r => CertificateLifecycle.Activate(r, thingName, Now));

    public Task<CertificateChangeResult> DeactivateAsync(string reason) =>
        ApplyAsync(r => CertificateLifecycle.Deactivate(r, reason, Now));

    public async Task<CertificateChangeResult> RevokeAsync(string reason)
    {
        var result = await ApplyAsync(r => CertificateLifecycle.Revoke(r, reason, Now));
        if (result.Succeeded && Record is { } record)
        {
            // Also on a repeat: if the CRL write failed last time, this publishes it again (idempotent there).
            await GrainFactory.GetGrain<ICertificateRevocationGrain>(ICertificateRevocationGrain.DefaultKey)
                .RevokeAsync(record.SerialNumber, record.RevokedAt ?? Now);
            if (result.Changed)
            {
                LogRevoked(_logger, record.CertificateId, record.ThingName, reason);
            }

            await EndOpenConnectionAsync(record);
        }

        return result;
    }

    public async Task<SecurityFinding?> ObserveLifecycleEventAsync(byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (Record is not { } record || Connections.LifecycleEvent.Parse(payload, null, out _) is not { } lifecycleEvent
            || !string.Equals(lifecycleEvent.PrincipalIdentifier, record.CertificateId, StringComparison.Ordinal))
        {
            return null;
        }

        var before = record.Sightings ?? Rotation.CertificateSightings.None;
        var (sightings, finding) = _services.Findings.Observe(before, lifecycleEvent, Now);
        if (!sightings.OpenSessions.SequenceEqual(before.OpenSessions) || !sightings.DuplicateClientIdDisconnects.SequenceEqual(before.DuplicateClientIdDisconnects))
        {
            _state.State = record with { Sightings = sightings };
            await _state.WriteStateAsync();
        }

        if (finding is null || record.ThingName is not { } owner || record.Status is not (CertificateStatus.Active or CertificateStatus.Inactive))
        {
            return null;
        }

        LogFinding(_logger, record.CertificateId, owner, finding);
        return new SecurityFinding(record.CertificateId, owner, finding);
    }

    public Task<CertificateChangeResult> RecordConnectionAsync() =>
        ApplyAsync(r => CertificateLifecycle.RecordConnection(r, Now));

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == RevokedConnectionReminder)
        {
            await CheckRevokedConnectionAsync();
            return;
        }

        if (reminderName != AbandonReminder)
        {
            return;
        }

        await ForgetAbandonReminderAsync();
        if (Record is { } record && CertificateLifecycle.IsAbandoned(record, Now))
        {
            // Never used: the requester did not provision within the token's hour. The certificate was never
            // trusted for any vehicle (the ACL gives its CN nothing until a vehicle is registered), so it is
            // forgotten rather than revoked.
            await _state.ClearStateAsync();
            LogAbandoned(_logger, record.CertificateId, record.CommonName);
            DeactivateOnIdle();
        }
    }

    /// <summary>
    /// A revoked certificate may still carry an open connection (an operator's revocation; rotation and
    /// re-provisioning revoke only after the vehicle connected with its new certificate, which took the
    /// session over). The broker's CRL only stops new handshakes, so the vehicle is asked to disconnect
    /// (the <c>disconnect</c> command), and a reminder checks after the grace period. Idempotent: a repeated
    /// revocation re-arms a lost reminder and re-sends the same execution.
    /// </summary>
    private async Task EndOpenConnectionAsync(CertificateRecord record)
    {
        if (record.ThingName is not { } thingName || record.ConnectionEndedAt is not null
            || await this.GetReminder(RevokedConnectionReminder) is not null || !await IsConnectedWithThisAsync(thingName))
        {
            return;
        }

        var now = Now;
        var grace = _services.Options.RevokedConnectionGrace;
        if (record.DisconnectRequestedAt is null)
        {
            _state.State = record with { DisconnectRequestedAt = now };
            await _state.WriteStateAsync();
        }

        await this.RegisterOrUpdateReminder(RevokedConnectionReminder, grace, GrainReminders.AtLeastMinimum(grace));
        var parameters = JsonSerializer.Serialize(
            new Dictionary<string, string> { ["reason"] = "certificate revoked", ["certificateId"] = record.CertificateId },
            CertificateStateJsonContext.Default.DictionaryStringString);
        await GrainFactory.GetGrain<IVehicleGrain>(thingName).SendCommandAsync(new CommandRequest(
            DisconnectExecutionId(record.CertificateId), DisconnectCommand, parameters, now + grace));
        LogDisconnectRequested(_logger, thingName, record.CertificateId, grace.TotalSeconds);
    }

    private async Task CheckRevokedConnectionAsync()
    {
        if (Record is not { ThingName: { } thingName } record || record.Status != CertificateStatus.Revoked || record.ConnectionEndedAt is not null)
        {
            await ForgetReminderAsync(RevokedConnectionReminder);
            return;
        }

        var takenOver = false;
        if (await IsConnectedWithThisAsync(thingName))
        {
            // Still connected past the grace period: end it from the broker side. A failed attempt keeps the
            // (periodic) reminder, so it is tried again one grace period later.
            if (!await _services.Takeover.TakeOverAsync(thingName))
            {
                return;
            }

            takenOver = true;
            LogTakenOver(_logger, thingName, record.CertificateId);
        }
        else
        {
            LogConnectionEnded(_logger, thingName, record.CertificateId);
        }

        _state.State = record with { ConnectionEndedAt = Now, ConnectionTakenOver = takenOver };
        await _state.WriteStateAsync();
        await ForgetReminderAsync(RevokedConnectionReminder);
    }

    private async Task<bool> IsConnectedWithThisAsync(string thingName)
    {
        var connection = await GrainFactory.GetGrain<IVehicleGrain>(thingName).GetConnectionAsync();
        return connection.Connected && string.Equals(connection.PrincipalIdentifier, this.GetPrimaryKeyString(), StringComparison.Ordinal);
    }

    /// <summary>One execution per certificate (1-64 of <c>[a-zA-Z0-9:_-]</c>), so a repeat is idempotent.</summary>
    internal static string DisconnectExecutionId(string certificateId) => "revoked-" + certificateId[..Math.Min(56, certificateId.Length)];

    internal static CertificateInfo ToInfo(CertificateRecord r) => new()
    {
        CertificateId = r.CertificateId,
        SerialNumber = r.SerialNumber,
        CommonName = r.CommonName,
        ThingName = r.ThingName,
        Status = r.Status.ToWireName(),
        StatusReason = r.StatusReason,
        CreatedAt = r.CreatedAt,
        ActivatedAt = r.ActivatedAt,
        DeactivatedAt = r.DeactivatedAt,
        RevokedAt = r.RevokedAt,
        NotBefore = r.NotBefore,
        NotAfter = r.NotAfter,
        OwnershipTokenExpiresAt = r.OwnershipTokenExpiresAt,
        HasConnectedOnce = r.HasConnectedOnce,
        FirstConnectedAt = r.FirstConnectedAt,
        DisconnectRequestedAt = r.DisconnectRequestedAt,
        ConnectionEndedAt = r.ConnectionEndedAt,
        ConnectionTakenOver = r.ConnectionTakenOver,
    };

    private async Task<CertificateChangeResult> ApplyAsync(Func<CertificateRecord, CertificateTransition> change)
    {
        if (Record is not { } record)
        {
            return Refused("ResourceNotFound", $"Certificate {this.GetPrimaryKeyString()} does not exist.");
        }

        var transition = change(record);
        if (!transition.Succeeded)
        {
            LogRefused(_logger, record.CertificateId, transition.Error!);
            return new CertificateChangeResult(ToInfo(record), false, "InvalidCertificateState", transition.Error);
        }

        if (transition.Changed)
        {
            _state.State = transition.Record;
            await _state.WriteStateAsync();
            await WriteFleetIndexAsync();
        }

        return new CertificateChangeResult(ToInfo(transition.Record), transition.Changed, null, null);
    }

    private Task ForgetAbandonReminderAsync() => ForgetReminderAsync(AbandonReminder);

    private async Task ForgetReminderAsync(string name)
    {
        if (await this.GetReminder(name) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private static CertificateChangeResult Refused(string code, string message) => new(null, false, code, message);

    [LoggerMessage(EventId = 8101, Level = LogLevel.Information, Message = "Certificate {CertificateId} is ACTIVE for {ThingName}")]
    private static partial void LogActivated(ILogger logger, string certificateId, string thingName);

    [LoggerMessage(EventId = 8110, Level = LogLevel.Information, Message = "Certificate {CertificateId}: provision for {ThingName} repeated with its ownership token; answered as before")]
    private static partial void LogClaimRepeated(ILogger logger, string certificateId, string thingName);

    [LoggerMessage(EventId = 8102, Level = LogLevel.Information, Message = "Certificate {CertificateId} of {ThingName} REVOKED: {Reason}")]
    private static partial void LogRevoked(ILogger logger, string certificateId, string? thingName, string reason);

    [LoggerMessage(EventId = 8103, Level = LogLevel.Information, Message = "Certificate {CertificateId} ({CommonName}) deleted: its ownership token expired unused")]
    private static partial void LogAbandoned(ILogger logger, string certificateId, string commonName);

    [LoggerMessage(EventId = 8106, Level = LogLevel.Information, Message = "{ThingName} is still connected with revoked certificate {CertificateId}: asked to disconnect; taken over by the gateway in {Grace} s if not")]
    private static partial void LogDisconnectRequested(ILogger logger, string thingName, string certificateId, double grace);

    [LoggerMessage(EventId = 8107, Level = LogLevel.Information, Message = "{ThingName} disconnected as asked after its certificate {CertificateId} was revoked")]
    private static partial void LogConnectionEnded(ILogger logger, string thingName, string certificateId);

    [LoggerMessage(EventId = 8108, Level = LogLevel.Warning, Message = "{ThingName} did not disconnect after its certificate {CertificateId} was revoked: its connection was ended by a broker-side takeover")]
    private static partial void LogTakenOver(ILogger logger, string thingName, string certificateId);

    [LoggerMessage(EventId = 8109, Level = LogLevel.Warning, Message = "Security finding on certificate {CertificateId} of {ThingName}: {Finding}")]
    private static partial void LogFinding(ILogger logger, string certificateId, string thingName, string finding);

    [LoggerMessage(EventId = 8104, Level = LogLevel.Warning, Message = "Certificate {CertificateId}: change refused: {Error}")]
    private static partial void LogRefused(ILogger logger, string certificateId, string error);
}
