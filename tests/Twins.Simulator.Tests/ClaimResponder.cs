using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Twins.Mqtt.Client;
using Twins.Mqtt.Packets;
using Twins.Testing;

namespace Twins.Simulator.Tests;

/// <summary>
/// The cloud side of fleet provisioning by claim, written against the contract: signs CSRs sent to
/// <c>create-from-csr</c> with a test CA and answers <c>provision</c> with the thing name, replying on the
/// request's Response Topic with its Correlation Data. Also signs rotation CSRs for the tests.
/// </summary>
internal sealed class ClaimResponder : IAsyncDisposable
{
    private readonly MqttClient _client;
    private readonly MqttMessageConsumer _consumer;
    private readonly ECDsa? _caKey;
    private readonly X509Certificate2 _ca;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private int _csrRequests;
    private int _provisionRequests;

    private ClaimResponder(MqttClient client, MqttMessageConsumer consumer, X509Certificate2? authority)
    {
        _client = client;
        _consumer = consumer;
        if (authority is not null)
        {
            _ca = authority;
        }
        else
        {
            _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=Twins Test CA", _caKey, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            var now = DateTimeOffset.UnixEpoch.AddYears(56);
            _ca = request.CreateSelfSigned(now, now.AddYears(20));
        }

        _serving = Task.Run(ServeAsync);
    }

    public int CsrRequests => Volatile.Read(ref _csrRequests);

    public int ProvisionRequests => Volatile.Read(ref _provisionRequests);

    /// <summary>VINs provisioning refuses (ACCESS_DENIED, as a VIN missing from the allow-list).</summary>
    public HashSet<string> DeniedVins { get; } = [];

    /// <summary>Starts answering on the broker's plain listener; <paramref name="authority"/> (with its key) signs, else a CA made here.</summary>
    public static async Task<ClaimResponder> StartAsync(MosquittoBroker broker, X509Certificate2? authority = null)
    {
        var client = new MqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(MosquittoBroker.Host, broker.Port)
            .WithClientId("claim-responder-" + Guid.NewGuid().ToString("N")[..8]).Build());
        var consumer = client.CreateConsumer();
        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter("$aws/certificates/create-from-csr/json", MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter("$aws/provisioning-templates/+/provision/json", MqttQualityOfServiceLevel.AtLeastOnce)
            .WithConsumer(consumer)
            .Build());
        return new ClaimResponder(client, consumer, authority);
    }

    /// <summary>Signs a CSR PEM with the test CA, for a certificate valid one year.</summary>
    public string Sign(string csrPem, out string certificateId)
    {
        var request = CertificateRequest.LoadSigningRequestPem(csrPem, HashAlgorithmName.SHA256);
        // Valid now (the broker checks it on the TLS handshake) and within the CA's own validity.
        var now = TimeProvider.System.GetUtcNow();
        var notBefore = new DateTimeOffset(Max(_ca.NotBefore.ToUniversalTime(), now.UtcDateTime.AddDays(-1)));
        var notAfter = new DateTimeOffset(Min(_ca.NotAfter.ToUniversalTime(), now.UtcDateTime.AddYears(1)));
        using var certificate = request.Create(_ca, notBefore, notAfter, RandomNumberGenerator.GetBytes(16));
        certificateId = Convert.ToHexStringLower(certificate.GetCertHash(HashAlgorithmName.SHA256));
        return certificate.ExportCertificatePem();
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _serving;
        }
        catch (OperationCanceledException)
        {
        }

        await _client.DisposeAsync();
        if (_caKey is not null)
        {
            _ca.Dispose();
            _caKey.Dispose();
        }
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        await foreach (var received in _consumer.ReadAllAsync(_stop.Token))
        {
            var request = received.ApplicationMessage;
            using var document = JsonDocument.Parse(request.Payload);
            string reply;
            if (request.Topic.EndsWith("create-from-csr/json", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _csrRequests);
                var pem = Sign(document.RootElement.GetProperty("certificateSigningRequest").GetString()!, out var id);
                reply = JsonSerializer.Serialize(new Dictionary<string, string>
                {
                    ["certificateOwnershipToken"] = "token-" + id,
                    ["certificateId"] = id,
                    ["certificatePem"] = pem,
                });
            }
            else
            {
                Interlocked.Increment(ref _provisionRequests);
                var vin = document.RootElement.GetProperty("parameters").GetProperty("vin").GetString()!;
                reply = DeniedVins.Contains(vin)
                    ? """{"statusCode":403,"errorCode":"ACCESS_DENIED","errorMessage":"VIN is not on the allow-list."}"""
                    : JsonSerializer.Serialize(new { thingName = VehicleIdentity.ThingName(vin), deviceConfiguration = new { } });
            }

            await _client.PublishAsync(new MqttApplicationMessageBuilder().WithResponseTo(request).WithPayload(reply)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        }
    }
}
