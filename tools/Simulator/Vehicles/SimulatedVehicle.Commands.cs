using System.Text;
using System.Text.Json;
using Twins.Mqtt.Client;
using Twins.Mqtt.Packets;

namespace Twins.Simulator;

internal sealed partial class SimulatedVehicle
{
    /// <summary>Commands the simulated vehicle knows, by their name with dashes and underscores removed, lower case.</summary>
    private enum VehicleCommand
    {
        Unknown,
        Lock,
        Unlock,
        ClimateOn,
        ClimateOff,
        Horn,
        RotateCertificate,
        InstallCertificate,
        Disconnect,
    }

    private static VehicleCommand Parse(string? name) =>
        (name ?? string.Empty).Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal).ToUpperInvariant() switch
        {
            "LOCK" or "LOCKDOORS" or "DOORLOCK" => VehicleCommand.Lock,
            "UNLOCK" or "UNLOCKDOORS" or "DOORUNLOCK" => VehicleCommand.Unlock,
            "CLIMATE" or "CLIMATEON" or "STARTCLIMATE" or "PRECONDITION" => VehicleCommand.ClimateOn,
            "CLIMATEOFF" or "STOPCLIMATE" => VehicleCommand.ClimateOff,
            "HORN" or "HONK" or "HORNANDLIGHTS" or "FLASH" => VehicleCommand.Horn,
            "ROTATECERTIFICATE" => VehicleCommand.RotateCertificate,
            "INSTALLCERTIFICATE" => VehicleCommand.InstallCertificate,
            "DISCONNECT" => VehicleCommand.Disconnect,
            _ => VehicleCommand.Unknown,
        };

    private async Task HandleCommandAsync(MqttClient client, MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        _counters.CommandReceived();
        using var document = JsonDocument.Parse(message.Payload);
        var root = document.RootElement;
        var executionId = root.GetString("executionId") ?? ExecutionIdFromTopic(message.Topic);
        var name = root.GetString("command");
        var parameters = root.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        var responseTopic = message.ResponseTopic ?? _topics.CommandResponse(ThingName!, executionId);
        var correlation = message.CorrelationData.IsEmpty ? Encoding.UTF8.GetBytes(executionId) : message.CorrelationData;

        var command = Parse(name);
        switch (command)
        {
            case VehicleCommand.Unknown:
                _counters.CommandRejected();
                await RespondAsync("REJECTED", "UNKNOWN_COMMAND", $"The vehicle does not know the command '{name}'.", null).ConfigureAwait(false);
                return;
            case VehicleCommand.RotateCertificate:
                await RotateCertificateAsync(RespondAsync).ConfigureAwait(false);
                return;
            case VehicleCommand.InstallCertificate:
                await InstallCertificateAsync(parameters, RespondAsync).ConfigureAwait(false);
                return;
            case VehicleCommand.Disconnect:
                await DisconnectRevokedAsync(parameters, RespondAsync).ConfigureAwait(false);
                return;
        }

        var draw = Random.Shared.NextDouble();
        if (draw < _options.CommandTimeoutProbability)
        {
            // Out of coverage or asleep: never answered, so the cloud side times it out.
            _counters.CommandUnanswered();
            return;
        }

        if (draw < _options.CommandTimeoutProbability + _options.CommandFailureProbability)
        {
            _counters.CommandFailed();
            await RespondAsync("FAILED", "VEHICLE_BUSY", "The vehicle could not carry out the command now.", null).ConfigureAwait(false);
            return;
        }

        lock (_gate)
        {
            switch (command)
            {
                case VehicleCommand.Lock:
                    _state.DoorsLocked = true;
                    break;
                case VehicleCommand.Unlock:
                    _state.DoorsLocked = false;
                    break;
                case VehicleCommand.ClimateOn:
                    _state.ClimateOn = true;
                    if (parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty("targetTemperature", out var t) && t.TryGetDouble(out var celsius))
                    {
                        _state.ClimateTargetCelsius = Math.Clamp(celsius, 16, 28);
                    }

                    break;
                case VehicleCommand.ClimateOff:
                    _state.ClimateOn = false;
                    break;
            }
        }

        _counters.CommandSucceeded();
        await RespondAsync("SUCCEEDED", null, null, w =>
        {
            lock (_gate)
            {
                w.WriteBoolean("doorsLocked", _state.DoorsLocked);
                w.WriteBoolean("climateOn", _state.ClimateOn);
                w.WriteNumber("climateTargetTemperature", _state.ClimateTargetCelsius);
            }
        }).ConfigureAwait(false);
        if (command is not VehicleCommand.Horn)
        {
            await ReportStateAsync(client, cancellationToken).ConfigureAwait(false);
        }

        async Task RespondAsync(string status, string? reasonCode, string? reasonDescription, Action<Utf8JsonWriter>? result)
        {
            var payload = JsonPayload.Object(w =>
            {
                w.WriteString("status", status);
                if (reasonCode is not null)
                {
                    w.WriteStartObject("statusReason");
                    w.WriteString("reasonCode", reasonCode);
                    w.WriteString("reasonDescription", reasonDescription);
                    w.WriteEndObject();
                }

                if (result is not null)
                {
                    w.WriteStartObject("result");
                    result(w);
                    w.WriteEndObject();
                }
            });
            await client.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic(responseTopic)
                .WithCorrelationData(correlation)
                .WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary><c>rotate-certificate</c>: a new key (kept on disk apart from the current one) and its CSR as the result.</summary>
    private async Task RotateCertificateAsync(Func<string, string?, string?, Action<Utf8JsonWriter>?, Task> respondAsync)
    {
        string csr;
        using (var key = _credentials.CreateRotationKey())
        {
            csr = CredentialStore.CreateSigningRequestPem(key, ThingName!);
        }

        _counters.CommandSucceeded();
        await respondAsync("SUCCEEDED", null, null, w => w.WriteString("certificateSigningRequest", csr)).ConfigureAwait(false);
    }

    /// <summary><c>install-certificate</c>: keeps the certificate if it belongs to the rotation key, answers, then reconnects with it.</summary>
    private async Task InstallCertificateAsync(JsonElement parameters, Func<string, string?, string?, Action<Utf8JsonWriter>?, Task> respondAsync)
    {
        var certificatePem = parameters.GetString("certificatePem");
        var certificateId = parameters.GetString("certificateId");
        if (certificatePem is null || certificateId is null)
        {
            _counters.CommandRejected();
            await respondAsync("REJECTED", "INVALID_PARAMETERS", "certificateId and certificatePem are required.", null).ConfigureAwait(false);
            return;
        }

        if (!_credentials.InstallRotated(certificateId, certificatePem))
        {
            _counters.CommandFailed();
            await respondAsync("FAILED", "CERTIFICATE_MISMATCH", "The certificate does not belong to the key of a rotation in progress.", null).ConfigureAwait(false);
            return;
        }

        _counters.CommandSucceeded();
        _counters.CertificateRotated();
        await respondAsync("SUCCEEDED", null, null, w => w.WriteString("certificateId", certificateId)).ConfigureAwait(false);

        // Reconnect with the new certificate: the connected event's principalIdentifier confirms it.
        Volatile.Write(ref _reconnectNow, true);
        _ = Task.Run(() => EndSessionAsync(abrupt: false, "CLIENT_INITIATED_DISCONNECT", CancellationToken.None));
    }

    /// <summary>
    /// <c>disconnect</c> (Twins revoked the certificate the vehicle is connected with): answers SUCCEEDED,
    /// publishes its disconnected event, disconnects, and stops connecting with that certificate (the
    /// broker's CRL would refuse it anyway). A command naming another certificate is rejected and changes nothing.
    /// </summary>
    private async Task DisconnectRevokedAsync(JsonElement parameters, Func<string, string?, string?, Action<Utf8JsonWriter>?, Task> respondAsync)
    {
        var named = parameters.GetString("certificateId");
        var current = _credentials.CertificateId;
        if (named is not null && current is not null && !string.Equals(named, current, StringComparison.OrdinalIgnoreCase))
        {
            _counters.CommandRejected();
            await respondAsync("REJECTED", "CERTIFICATE_NOT_IN_USE", $"The vehicle is connected with certificate {current}, not {named}.", null).ConfigureAwait(false);
            return;
        }

        if (current is not null)
        {
            _credentials.MarkRevoked(current);
        }
        else
        {
            Volatile.Write(ref _revokedWithoutCertificate, true);
        }

        _counters.CommandSucceeded();
        await respondAsync("SUCCEEDED", null, null, w =>
        {
            if (current is not null)
            {
                w.WriteString("certificateId", current);
            }
        }).ConfigureAwait(false);

        // Off the receive loop: ending the session cancels it.
        _ = Task.Run(() => EndSessionAsync(abrupt: false, "CLIENT_INITIATED_DISCONNECT", CancellationToken.None));
    }

    private static string ExecutionIdFromTopic(string topic)
    {
        // .../executions/{executionId}/request/json
        var parts = topic.Split('/');
        return parts.Length >= 3 ? parts[^3] : topic;
    }
}
