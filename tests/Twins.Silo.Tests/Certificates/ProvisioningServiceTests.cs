using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Twins.Gateway.Provisioning;
using Twins.Mqtt.Client;
using Twins.Mqtt.Packets;
using Twins.Testing;
using Xunit;

namespace Twins.Silo.Tests.Certificates;

/// <summary>The gateway's provisioning endpoint stopping with the silo while requests are in hand (its own silo and broker).</summary>
public sealed class ProvisioningServiceTests
{
    [Fact]
    public async Task StopAsync_WithRequestsInHand_FinishesThemWithoutErrorsOnADisposedClient()
    {
        var log = new CapturingLoggerProvider();
        var fixture = new MtlsSiloFixture { ConfigureServices = services => services.AddSingleton<ILoggerProvider>(log) };
        await fixture.InitializeAsync();
        try
        {
            var client = new ProvisioningClient(fixture);
            await using var claim = await client.ConnectAsync("claim-stopping", fixture.ClaimCertificate);
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            for (var i = 0; i < 200; i++)
            {
                var csr = ProvisioningClient.Csr("Vehicle_WVW1STOP" + i.ToString("D10", CultureInfo.InvariantCulture), key);
                await claim.PublishAsync(new MqttApplicationMessage
                {
                    Topic = "$aws/certificates/create-from-csr/json",
                    Payload = Encoding.UTF8.GetBytes(new JsonObject { ["certificateSigningRequest"] = csr }.ToJsonString()),
                    QualityOfServiceLevel = MqttQualityOfServiceLevel.AtMostOnce,
                    ResponseTopic = "twins/replies/claim-stopping/r",
                    CorrelationData = BitConverter.GetBytes(i),
                });
            }
        }
        finally
        {
            // Stops the silo while the endpoint still has requests in hand.
            await fixture.DisposeAsync();
        }

        var errors = log.Lines.Where(l => l.Category == typeof(ProvisioningService).FullName && l.Level >= LogLevel.Error).ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => e.Message)));
    }
}
