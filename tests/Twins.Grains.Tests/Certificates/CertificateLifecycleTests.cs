using Twins.Grains.Certificates;
using Twins.Grains.Provisioning;

namespace Twins.Grains.Tests.Certificates;

public sealed class CertificateLifecycleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly IssuedCertificate Issued = new(new string('c', 64), "4ABC", "Vehicle_1", "PEM", T0, T0.AddDays(365), null);
    private static readonly OwnershipToken Token = new("token", Issued.CertificateId, T0.AddHours(1), "hash");

    private static CertificateRecord Pending() => CertificateLifecycle.Create(Issued, Token, null, T0);

    [Fact]
    public void Create_IsPendingActivationWithTokenAndValidity()
    {
        var record = Pending();

        Assert.Equal(CertificateStatus.PendingActivation, record.Status);
        Assert.Equal("PENDING_ACTIVATION", record.Status.ToWireName());
        Assert.Equal("hash", record.OwnershipTokenHash);
        Assert.Equal(T0.AddDays(365), record.NotAfter);
        Assert.False(record.HasConnectedOnce);
    }

    [Fact]
    public void ConsumeOwnershipToken_Once_RegistersOwnerAndSecondUseIsRefused()
    {
        var first = CertificateLifecycle.ConsumeOwnershipToken(Pending(), "hash", "Vehicle_1", T0.AddMinutes(1), out var firstError);
        var second = CertificateLifecycle.ConsumeOwnershipToken(first.Record, "hash", "Vehicle_1", T0.AddMinutes(2), out var secondError);

        Assert.Null(firstError);
        Assert.Equal("Vehicle_1", first.Record.ThingName);
        Assert.Equal(T0.AddMinutes(1), first.Record.OwnershipTokenUsedAt);
        Assert.Equal("CertificateOwnershipTokenAlreadyUsed", secondError!.ErrorCode);
        Assert.False(second.Changed);
    }

    [Fact]
    public void ConsumeOwnershipToken_RepeatedForTheSameActiveThingBeforeExpiry_SucceedsUnchanged()
    {
        var claimed = CertificateLifecycle.ConsumeOwnershipToken(Pending(), "hash", "Vehicle_1", T0.AddMinutes(1), out _).Record;
        var active = CertificateLifecycle.Activate(claimed, "Vehicle_1", T0.AddMinutes(1)).Record;

        var again = CertificateLifecycle.ConsumeOwnershipToken(active, "hash", "Vehicle_1", T0.AddMinutes(2), out var error);

        Assert.Null(error);
        Assert.False(again.Changed);
        Assert.Equal(T0.AddMinutes(1), again.Record.OwnershipTokenUsedAt);
    }

    [Fact]
    public void ConsumeOwnershipToken_RepeatedForAnotherThingAfterExpiryOrOnAnInactiveCertificate_IsRefused()
    {
        var claimed = CertificateLifecycle.ConsumeOwnershipToken(Pending(), "hash", "Vehicle_1", T0.AddMinutes(1), out _).Record;
        var active = CertificateLifecycle.Activate(claimed, "Vehicle_1", T0.AddMinutes(1)).Record;
        var inactive = CertificateLifecycle.Deactivate(active, "superseded", T0.AddMinutes(3)).Record;

        CertificateLifecycle.ConsumeOwnershipToken(active, "hash", "Vehicle_2", T0.AddMinutes(2), out var anotherThing);
        CertificateLifecycle.ConsumeOwnershipToken(active, "hash", "Vehicle_1", T0.AddHours(1), out var afterExpiry);
        CertificateLifecycle.ConsumeOwnershipToken(inactive, "hash", "Vehicle_1", T0.AddMinutes(4), out var superseded);

        Assert.Equal("CertificateOwnershipTokenAlreadyUsed", anotherThing!.ErrorCode);
        Assert.Equal("CertificateOwnershipTokenAlreadyUsed", afterExpiry!.ErrorCode);
        Assert.Equal("CertificateOwnershipTokenAlreadyUsed", superseded!.ErrorCode);
    }

    [Fact]
    public void ConsumeOwnershipToken_ExpiredOrForeign_IsRefused()
    {
        CertificateLifecycle.ConsumeOwnershipToken(Pending(), "hash", "Vehicle_1", T0.AddHours(1), out var expired);
        CertificateLifecycle.ConsumeOwnershipToken(Pending(), "other", "Vehicle_1", T0, out var foreign);

        Assert.Equal("CertificateOwnershipTokenExpired", expired!.ErrorCode);
        Assert.Equal("InvalidCertificateOwnershipToken", foreign!.ErrorCode);
    }

    [Fact]
    public void Statuses_FollowPendingActiveInactiveRevoked()
    {
        var active = CertificateLifecycle.Activate(Pending(), "Vehicle_1", T0.AddMinutes(1)).Record;
        var inactive = CertificateLifecycle.Deactivate(active, "re-provisioned", T0.AddMinutes(2)).Record;
        var revoked = CertificateLifecycle.Revoke(inactive, "rotated", T0.AddMinutes(3)).Record;

        Assert.Equal(CertificateStatus.Active, active.Status);
        Assert.Equal(T0.AddMinutes(1), active.ActivatedAt);
        Assert.Equal(CertificateStatus.Inactive, inactive.Status);
        Assert.Equal("re-provisioned", inactive.StatusReason);
        Assert.Equal(T0.AddMinutes(2), inactive.DeactivatedAt);
        Assert.Equal(CertificateStatus.Revoked, revoked.Status);
        Assert.Equal(T0.AddMinutes(3), revoked.RevokedAt);
        Assert.Equal("rotated", revoked.StatusReason);
    }

    [Fact]
    public void Revoked_IsFinal()
    {
        var revoked = CertificateLifecycle.Revoke(Pending(), "key compromise", T0).Record;

        Assert.False(CertificateLifecycle.Activate(revoked, "Vehicle_1", T0).Succeeded);
        Assert.False(CertificateLifecycle.Deactivate(revoked, "x", T0).Succeeded);
        Assert.False(CertificateLifecycle.Revoke(revoked, "again", T0).Changed);
        Assert.Equal("key compromise", revoked.StatusReason);
    }

    [Fact]
    public void Activate_ForAnotherVehicleOrExpired_IsRefused()
    {
        var owned = Pending() with { ThingName = "Vehicle_1" };

        Assert.False(CertificateLifecycle.Activate(owned, "Vehicle_2", T0).Succeeded);
        Assert.False(CertificateLifecycle.Activate(owned, "Vehicle_1", T0.AddDays(366)).Succeeded);
        Assert.False(CertificateLifecycle.Activate(CertificateLifecycle.Activate(owned, "Vehicle_1", T0).Record, "Vehicle_1", T0).Changed);
    }

    [Fact]
    public void RecordConnection_SetsHasConnectedOnceOnce()
    {
        var first = CertificateLifecycle.RecordConnection(Pending(), T0.AddMinutes(5));
        var second = CertificateLifecycle.RecordConnection(first.Record, T0.AddMinutes(9));

        Assert.True(first.Record.HasConnectedOnce);
        Assert.Equal(T0.AddMinutes(5), second.Record.FirstConnectedAt);
        Assert.False(second.Changed);
    }

    [Fact]
    public void IsAbandoned_UnusedPendingAfterTokenExpiry()
    {
        var used = CertificateLifecycle.ConsumeOwnershipToken(Pending(), "hash", "Vehicle_1", T0, out _).Record;

        Assert.False(CertificateLifecycle.IsAbandoned(Pending(), T0.AddMinutes(59)));
        Assert.True(CertificateLifecycle.IsAbandoned(Pending(), T0.AddHours(1)));
        Assert.False(CertificateLifecycle.IsAbandoned(used, T0.AddHours(2)));
    }

    [Fact]
    public void IsDueForRotation_ThirtyDaysBeforeExpiry()
    {
        var active = CertificateLifecycle.Activate(Pending(), "Vehicle_1", T0).Record;

        Assert.False(CertificateLifecycle.IsDueForRotation(active, T0.AddDays(334), TimeSpan.FromDays(30)));
        Assert.True(CertificateLifecycle.IsDueForRotation(active, T0.AddDays(335), TimeSpan.FromDays(30)));
        Assert.False(CertificateLifecycle.IsDueForRotation(Pending(), T0.AddDays(340), TimeSpan.FromDays(30)));
    }
}
