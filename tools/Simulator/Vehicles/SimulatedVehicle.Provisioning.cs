using System.Text.Json;
using Twins.Mqtt.Client;
using Twins.Mqtt.Packets;

namespace Twins.Simulator;

internal sealed partial class SimulatedVehicle
{
    /// <summary>The reply topic prefix of provisioning requests (<c>{prefix}/{clientId}/provisioning</c>, readable only by that client under deploy/mosquitto/acl); the broker ACL lets a client read only its own.</summary>
    public const string ReplyTopicPrefix = "twins/replies";

    private async Task EnsureProvisionedAsync(CancellationToken cancellationToken)
    {
        if (ThingName is not null)
        {
            return;
        }

        if (!_options.ProvisionByClaim)
        {
            ThingName = VehicleIdentity.ThingName(Vin);
            return;
        }

        if (_credentials.IsProvisioned)
        {
            ThingName = _credentials.ThingName;
            return;
        }

        await ProvisionByClaimAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Fleet provisioning by claim: connects with the claim certificate, sends a CSR for a key made (and
    /// saved) here to <c>create-from-csr</c>, then the ownership token and VIN to the template's
    /// <c>provision</c> topic, and saves the thing name and certificate.
    /// </summary>
    private async Task ProvisionByClaimAsync(CancellationToken cancellationToken)
    {
        var clientId = VehicleIdentity.ClaimClientId(Vin);
        await using var client = new MqttClient();
        await client.ConnectAsync(WithTls(BaseOptions(clientId), _options.ClaimCertificate).Build(), cancellationToken).ConfigureAwait(false);
        await using var requests = await MqttRequestClient.CreateAsync(client, $"{ReplyTopicPrefix}/{clientId}/provisioning", cancellationToken).ConfigureAwait(false);

        string csr;
        using (var key = _credentials.LoadOrCreateKey())
        {
            csr = CredentialStore.CreateSigningRequestPem(key, VehicleIdentity.ThingName(Vin));
        }

        var created = await RequestAsync(requests, _topics.CreateFromCsr(), w => w.WriteString("certificateSigningRequest", csr), cancellationToken).ConfigureAwait(false);
        var root = created.RootElement;
        var token = root.GetString("certificateOwnershipToken");
        var certificateId = root.GetString("certificateId");
        var certificatePem = root.GetString("certificatePem");
        if (token is null || certificateId is null || certificatePem is null)
        {
            throw Rejected("create-from-csr", root);
        }

        var provisioned = await RequestAsync(requests, _topics.Provision(_options.ProvisioningTemplate), w =>
        {
            w.WriteString("certificateOwnershipToken", token);
            w.WriteStartObject("parameters");
            w.WriteString("vin", Vin);
            w.WriteEndObject();
        }, cancellationToken).ConfigureAwait(false);
        var thingName = provisioned.RootElement.GetString("thingName") ?? throw Rejected("provision", provisioned.RootElement);

        _credentials.SaveProvisioned(thingName, certificateId, certificatePem);
        ThingName = thingName;
        _counters.ProvisionedOne();
        created.Dispose();
        provisioned.Dispose();
        await client.DisconnectAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private async Task<JsonDocument> RequestAsync(MqttRequestClient requests, string topic, Action<Utf8JsonWriter> members, CancellationToken cancellationToken)
    {
        var reply = await requests.RequestAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(JsonPayload.Object(members))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build(), _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        return JsonDocument.Parse(reply.Payload);
    }

    private ProvisioningRejectedException Rejected(string step, JsonElement reply) =>
        new($"{Vin}: {step} rejected: {reply.GetString("errorCode") ?? "?"} {reply.GetString("errorMessage") ?? reply.GetRawText()}");
}
