using Twins.Grains.Provisioning;

namespace Twins.Grains.Tests.Provisioning;

public sealed class VehicleCertificatePolicyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void OnProvisioned_First_DeactivatesNothing()
    {
        var (state, toDeactivate) = VehicleCertificatePolicy.OnProvisioned(VehicleCertificates.None, "c1", T0);

        Assert.Equal("c1", state.ActiveCertificateId);
        Assert.Empty(toDeactivate);
        Assert.Equal(T0, state.ProvisionedAt);
    }

    [Fact]
    public void ProvisionedAgain_DeactivatesAtOnceAndRevokesOnlyAfterConnectingWithTheNewOne()
    {
        var state = VehicleCertificatePolicy.OnProvisioned(VehicleCertificates.None, "c1", T0).State;
        var (again, toDeactivate) = VehicleCertificatePolicy.OnProvisioned(state, "c2", T0.AddDays(1));

        var withOld = VehicleCertificatePolicy.OnConnected(again, "c1");
        var withNew = VehicleCertificatePolicy.OnConnected(withOld.State, "c2");

        Assert.Equal(["c1"], toDeactivate);
        Assert.Empty(withOld.ToRevoke);
        Assert.Equal(["c1"], withNew.ToRevoke);
        Assert.Empty(withNew.State.PendingRevocation);
        Assert.Empty(VehicleCertificatePolicy.OnConnected(withNew.State, "c2").ToRevoke);
    }

    [Fact]
    public void OnProvisioned_SameCertificateAgain_ChangesNothing()
    {
        var state = VehicleCertificatePolicy.OnProvisioned(VehicleCertificates.None, "c1", T0).State;

        var (again, toDeactivate) = VehicleCertificatePolicy.OnProvisioned(state, "c1", T0.AddHours(1));

        Assert.Same(state, again);
        Assert.Empty(toDeactivate);
    }

    [Fact]
    public void ProvisionedThreeTimesBeforeConnecting_RevokesBothEarlierOnes()
    {
        var state = VehicleCertificatePolicy.OnProvisioned(VehicleCertificates.None, "c1", T0).State;
        state = VehicleCertificatePolicy.OnProvisioned(state, "c2", T0).State;
        state = VehicleCertificatePolicy.OnProvisioned(state, "c3", T0).State;

        Assert.Equal(["c1", "c2"], VehicleCertificatePolicy.OnConnected(state, "c3").ToRevoke);
    }
}
