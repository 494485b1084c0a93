using Microsoft.Extensions.Logging;
using Twins.Actors;
using Twins.Actors.Storage;
using Twins.Grains.Interfaces.Certificates;

namespace Twins.Grains.Certificates.Grains;

/// <summary>One certificate's lifecycle, persisted; see <see cref="ICertificateGrain"/>.</summary>
internal sealed partial class CertificateGrain : Grain, ICertificateGrain, IRemindable
{
    internal const string AbandonReminder = "ownership-token-expiry";

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
            await RegisterOrUpdateReminder(AbandonReminder, due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
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

        var activated = CertificateLifecycle.Activate(consumed.Record, thingName, Now);
        if (!activated.Succeeded)
        {
            return new CertificateChangeResult(ToInfo(record), false, "InvalidCertificateState", activated.Error);
        }

        _state.State = activated.Record;
        await _state.WriteStateAsync();
        await WriteFleetIndexAsync();
        await ForgetAbandonReminderAsync();
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
        }

        return result;
    }

    public Task<CertificateChangeResult> RecordConnectionAsync() =>
        ApplyAsync(r => CertificateLifecycle.RecordConnection(r, Now));

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
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

    private async Task ForgetAbandonReminderAsync()
    {
        if (await GetReminder(AbandonReminder) is { } reminder)
        {
            await UnregisterReminder(reminder);
        }
    }

    private static CertificateChangeResult Refused(string code, string message) => new(null, false, code, message);

    [LoggerMessage(EventId = 8101, Level = LogLevel.Information, Message = "Certificate {CertificateId} is ACTIVE for {ThingName}")]
    private static partial void LogActivated(ILogger logger, string certificateId, string thingName);

    [LoggerMessage(EventId = 8102, Level = LogLevel.Information, Message = "Certificate {CertificateId} of {ThingName} REVOKED: {Reason}")]
    private static partial void LogRevoked(ILogger logger, string certificateId, string? thingName, string reason);

    [LoggerMessage(EventId = 8103, Level = LogLevel.Information, Message = "Certificate {CertificateId} ({CommonName}) deleted: its ownership token expired unused")]
    private static partial void LogAbandoned(ILogger logger, string certificateId, string commonName);

    [LoggerMessage(EventId = 8104, Level = LogLevel.Warning, Message = "Certificate {CertificateId}: change refused: {Error}")]
    private static partial void LogRefused(ILogger logger, string certificateId, string error);
}
