using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Twins.Mqtt.Client;
using Twins.Mqtt.Packets;
using Xunit;

namespace Twins.Silo.Tests.Certificates;

/// <summary>The vehicle side of provisioning by claim, written with libs/Mqtt over mTLS.</summary>
internal sealed class ProvisioningClient(MtlsSiloFixture fixture)
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(20);

    public async Task<(string CertificateId, string CertificatePem, string ThingName)> ProvisionAsync(string vin, ECDsa key)
    {
        var clientId = "claim-" + Guid.NewGuid().ToString("N")[..8];
        await using var claim = await ConnectAsync(clientId, fixture.ClaimCertificate);
        await using var requester = await MqttRequestClient.CreateAsync(claim, $"twins/replies/{clientId}/provisioning");
        var created = await RequestAsync(requester, "$aws/certificates/create-from-csr/json", new JsonObject { ["certificateSigningRequest"] = Csr("Vehicle_" + vin, key) });
        Assert.True(created["certificateOwnershipToken"] is not null, created.ToJsonString());
        var provisioned = await RequestAsync(requester, "$aws/provisioning-templates/twins-fleet/provision/json", new JsonObject
        {
            ["certificateOwnershipToken"] = created["certificateOwnershipToken"]!.GetValue<string>(),
            ["parameters"] = new JsonObject { ["vin"] = vin },
        });
        Assert.True(provisioned["thingName"] is not null, provisioned.ToJsonString());
        return (created["certificateId"]!.GetValue<string>(), created["certificatePem"]!.GetValue<string>(), provisioned["thingName"]!.GetValue<string>());
    }

    public static async Task<JsonObject> RequestAsync(MqttRequestClient requester, string topic, JsonObject body)
    {
        var reply = await requester.RequestAsync(new MqttApplicationMessage
        {
            Topic = topic,
            Payload = Encoding.UTF8.GetBytes(body.ToJsonString()),
            QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
        }, ReplyTimeout);
        return JsonNode.Parse(reply.Payload.Span)!.AsObject();
    }

    public async Task<MqttClient> ConnectAsync(string clientId, X509Certificate2 certificate, MqttApplicationMessage? will = null, bool reconnect = true)
    {
        var client = new MqttClient();
        try
        {
            await client.ConnectAsync(new MqttClientOptions
            {
                Host = "127.0.0.1",
                Port = fixture.TlsPort,
                ClientId = clientId,
                WillMessage = will,
                Reconnect = new MqttReconnectOptions { Enabled = reconnect },
                Tls = new MqttClientTlsOptions
                {
                    UseTls = true,
                    TargetHost = "127.0.0.1",
                    ClientCertificates = [certificate],
                    TrustedCertificateAuthority = fixture.ServerCertificate,
                },
            });
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Whether the broker refuses a connection with <paramref name="certificate"/> (revoked: the TLS handshake fails).</summary>
    public async Task<bool> IsRefusedAsync(string clientId, X509Certificate2 certificate)
    {
        try
        {
            await using (await ConnectAsync(clientId, certificate))
            {
                return false;
            }
        }
        catch (Exception ex) when (ex is MqttConnectingFailedException or IOException or System.Security.Authentication.AuthenticationException)
        {
            return true;
        }
    }

    public static string Csr(string commonName, ECDsa key) =>
        new CertificateRequest("CN=" + commonName, key, HashAlgorithmName.SHA256).CreateSigningRequestPem();

    public static X509Certificate2 WithKey(string pem, ECDsa key)
    {
        using var certificate = X509Certificate2.CreateFromPem(pem);
        return MtlsSiloFixture.Exportable(certificate.CopyWithPrivateKey(key));
    }
}
