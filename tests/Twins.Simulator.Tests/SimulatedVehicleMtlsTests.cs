using Twins.Testing;

namespace Twins.Simulator.Tests;

/// <summary>The simulated vehicle against mosquitto's mutual-TLS listener: claim certificate first, then its own.</summary>
public sealed class SimulatedVehicleMtlsTests : IAsyncLifetime
{
    private MosquittoBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await MosquittoBroker.StartAsync(new MosquittoOptions { Tls = true });

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task ProvisionByClaim_OverMutualTls_ConnectsWithItsOwnCertificate()
    {
        using var data = new TempDirectory();
        var vin = VehicleHarness.NewVin();
        var thing = VehicleIdentity.ThingName(vin);
        var certificates = _broker.Certificates!;
        await using var responder = await ClaimResponder.StartAsync(_broker, certificates.Authority);
        await using var cloud = await CloudSide.ConnectAsync(_broker, $"$aws/events/presence/+/{thing}");
        var options = VehicleHarness.Options(_broker, data.Path) with
        {
            Port = _broker.TlsPort!.Value,
            ProvisionByClaim = true,
            CertificateAuthority = certificates.Authority,
            ClaimCertificate = certificates.IssueClient("claim-fleet-1"),
        };

        await using var harness = VehicleHarness.Start(options, vin);

        System.Text.Json.JsonElement connected;
        try
        {
            connected = await cloud.NextJsonAsync($"/connected/{thing}");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message} Vehicle's last problem: {harness.Counters.LastError}; CSRs answered: {responder.CsrRequests}; broker: {_broker.RecentLog}", e);
        }

        Assert.Equal(thing, connected.GetProperty("clientId").GetString());
        Assert.Equal(harness.Vehicle.Credentials.CertificateId, connected.GetProperty("principalIdentifier").GetString());
        Assert.Equal(1, responder.CsrRequests);
        Assert.True(harness.Vehicle.IsOnline);
    }

    [Fact]
    public async Task Connect_WithoutAnyCertificate_IsRefusedAndCounted()
    {
        using var data = new TempDirectory();
        var options = VehicleHarness.Options(_broker, data.Path) with
        {
            Port = _broker.TlsPort!.Value,
            CertificateAuthority = _broker.Certificates!.Authority,
        };

        await using var harness = VehicleHarness.Start(options, VehicleHarness.NewVin());

        await Poll.UntilAsync(() => harness.Counters.ConnectFailures >= 1, "the refused TLS handshake to be counted");
        Assert.Equal(0, harness.Counters.Online);
    }
}
