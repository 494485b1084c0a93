using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Twins.Mqtt.Client;
using Twins.Testing;

namespace Twins.Simulator.Tests;

public sealed class SimulatedVehicleTests : IClassFixture<MosquittoFixture>
{
    private readonly MosquittoBroker _broker;

    public SimulatedVehicleTests(MosquittoFixture fixture)
    {
        _broker = fixture.Broker;
    }

    [Fact]
    public async Task RunAsync_AfterConnack_PublishesConnectedEventAndAnAbruptDisconnectPublishesTheWillWithTheSameVersion()
    {
        using var data = new TempDirectory();
        var vin = VehicleHarness.NewVin();
        var thing = VehicleIdentity.ThingName(vin);
        await using var cloud = await CloudSide.ConnectAsync(_broker, $"$aws/events/presence/+/{thing}");
        await using var harness = VehicleHarness.Start(VehicleHarness.Options(_broker, data.Path), vin);

        var connected = await cloud.NextJsonAsync($"/connected/{thing}");
        Assert.Equal("connected", connected.GetProperty("eventType").GetString());
        Assert.Equal(thing, connected.GetProperty("clientId").GetString());
        var version = connected.GetProperty("versionNumber").GetInt64();

        await harness.Vehicle.GoOfflineAsync(abrupt: true);
        var will = await cloud.NextJsonAsync($"/disconnected/{thing}");
        Assert.Equal("disconnected", will.GetProperty("eventType").GetString());
        Assert.Equal(version, will.GetProperty("versionNumber").GetInt64());
        Assert.Equal("CONNECTION_LOST", will.GetProperty("disconnectReason").GetString());
        Assert.False(will.GetProperty("clientInitiatedDisconnect").GetBoolean());

        harness.Vehicle.GoOnline();
        var again = await cloud.NextJsonAsync($"/connected/{thing}");
        Assert.True(again.GetProperty("versionNumber").GetInt64() > version, "a new session has a newer versionNumber");
    }

    [Fact]
    public async Task GoOfflineAsync_Clean_PublishesClientInitiatedDisconnectWithTheSessionsVersion()
    {
        using var data = new TempDirectory();
        var vin = VehicleHarness.NewVin();
        var thing = VehicleIdentity.ThingName(vin);
        await using var cloud = await CloudSide.ConnectAsync(_broker, $"$aws/events/presence/+/{thing}");
        await using var harness = VehicleHarness.Start(VehicleHarness.Options(_broker, data.Path), vin);
        var version = (await cloud.NextJsonAsync($"/connected/{thing}")).GetProperty("versionNumber").GetInt64();

        await harness.Vehicle.GoOfflineAsync(abrupt: false);

        var disconnected = await cloud.NextJsonAsync($"/disconnected/{thing}");
        Assert.Equal(version, disconnected.GetProperty("versionNumber").GetInt64());
        Assert.True(disconnected.GetProperty("clientInitiatedDisconnect").GetBoolean());
        Assert.Equal("CLIENT_INITIATED_DISCONNECT", disconnected.GetProperty("disconnectReason").GetString());
    }

    [Fact]
    public async Task Delta_ChangesTheVehicleAndIsReportedBack()
    {
        using var data = new TempDirectory();
        var vin = VehicleHarness.NewVin();
        var thing = VehicleIdentity.ThingName(vin);
        await using var cloud = await CloudSide.ConnectAsync(_broker, $"$aws/events/presence/+/{thing}", $"$aws/things/{thing}/shadow/update");
        await using var harness = VehicleHarness.Start(VehicleHarness.Options(_broker, data.Path), vin);
        await cloud.NextAsync($"/connected/{thing}");
        var initial = await cloud.NextJsonAsync("/shadow/update");
        Assert.True(initial.GetProperty("state").GetProperty("reported").GetProperty("doors").GetProperty("locked").GetBoolean());

        await cloud.PublishAsync($"$aws/things/{thing}/shadow/update/delta",
            """{"state":{"doors":{"locked":false},"climate":{"on":true,"targetTemperature":23}},"metadata":{},"timestamp":1,"version":7}""");

        var reported = (await cloud.NextJsonAsync("/shadow/update")).GetProperty("state").GetProperty("reported");
        Assert.False(reported.GetProperty("doors").GetProperty("locked").GetBoolean());
        Assert.True(reported.GetProperty("climate").GetProperty("on").GetBoolean());
        Assert.Equal(23, reported.GetProperty("climate").GetProperty("targetTemperature").GetDouble());
        Assert.False(harness.Vehicle.State.DoorsLocked);
        // The vehicle counts the delta once its report is acknowledged, which can be after the cloud side saw it.
        await Poll.UntilAsync(() => harness.Counters.DeltasApplied == 1, "the vehicle to count the applied delta");
    }

    [Theory]
    [InlineData("unlock", 0.0, "SUCCEEDED")]
    [InlineData("lock", 1.0, "FAILED")]
    [InlineData("self-destruct", 0.0, "REJECTED")]
    public async Task Command_IsAnsweredOnTheResponseTopicWithTheCorrelationData(string command, double failureProbability, string expectedStatus)
    {
        using var data = new TempDirectory();
        var vin = VehicleHarness.NewVin();
        var thing = VehicleIdentity.ThingName(vin);
        await using var cloud = await CloudSide.ConnectAsync(_broker, $"$aws/events/presence/+/{thing}", "cloud/replies/#");
        var options = VehicleHarness.Options(_broker, data.Path) with { CommandFailureProbability = failureProbability };
        await using var harness = VehicleHarness.Start(options, vin);
        await cloud.NextAsync($"/connected/{thing}");

        await cloud.PublishAsync($"$aws/commands/things/{thing}/executions/exec-42/request/json",
            $$"""{"executionId":"exec-42","command":"{{command}}","parameters":{},"deadline":0}""",
            responseTopic: "cloud/replies/exec-42", correlation: "exec-42");

        var response = await cloud.NextAsync("cloud/replies/exec-42");
        Assert.Equal("exec-42", Encoding.UTF8.GetString(response.CorrelationData.Span));
        var json = CloudSide.Json(response);
        Assert.Equal(expectedStatus, json.GetProperty("status").GetString());
        if (expectedStatus == "SUCCEEDED")
        {
            Assert.False(json.GetProperty("result").GetProperty("doorsLocked").GetBoolean());
            Assert.False(harness.Vehicle.State.DoorsLocked);
        }
        else
        {
            Assert.False(string.IsNullOrEmpty(json.GetProperty("statusReason").GetProperty("reasonCode").GetString()));
        }
    }

    [Fact]
    public async Task Command_WithTimeoutProbabilityOne_IsNeverAnswered()
    {
        using var data = new TempDirectory();
        var vin = VehicleHarness.NewVin();
        var thing = VehicleIdentity.ThingName(vin);
        await using var cloud = await CloudSide.ConnectAsync(_broker, $"$aws/events/presence/+/{thing}", "cloud/replies/#");
        var options = VehicleHarness.Options(_broker, data.Path) with { CommandTimeoutProbability = 1 };
        await using var harness = VehicleHarness.Start(options, vin);
        await cloud.NextAsync($"/connected/{thing}");

        await cloud.PublishAsync($"$aws/commands/things/{thing}/executions/e1/request/json",
            """{"executionId":"e1","command":"horn","parameters":{}}""", "cloud/replies/e1", "e1");
        await Poll.UntilAsync(() => harness.Counters.CommandsUnanswered == 1, "the command to be dropped");

        // The next command (a rotation, never dropped) is answered: nothing for e1 came before it.
        await cloud.PublishAsync($"$aws/commands/things/{thing}/executions/e2/request/json",
            """{"executionId":"e2","command":"rotate-certificate","parameters":{"rotationId":"r"}}""", "cloud/replies/e2", "e2");
        var first = await cloud.NextAsync(topic => topic.StartsWith("cloud/replies/", StringComparison.Ordinal), "any command reply");
        Assert.Equal("cloud/replies/e2", first.Topic);
    }

    [Fact]
    public async Task Telemetry_OnTheClock_SeqIncreasesAndSignalsArePlausible()
    {
        using var data = new TempDirectory();
        var vin = VehicleHarness.NewVin();
        var thing = VehicleIdentity.ThingName(vin);
        var start = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
        var time = new ManualTimeProvider(start);
        await using var cloud = await CloudSide.ConnectAsync(_broker, $"$aws/events/presence/+/{thing}", $"twins/vehicles/{thing}/telemetry");
        await using var harness = VehicleHarness.Start(VehicleHarness.Options(_broker, data.Path), vin, time);
        await cloud.NextAsync($"/connected/{thing}");

        var samples = new List<JsonElement>();
        while (samples.Count < 3)
        {
            var next = cloud.NextJsonAsync("/telemetry");
            await Poll.UntilAsync(() =>
            {
                if (!next.IsCompleted)
                {
                    time.Advance(TimeSpan.FromSeconds(1));
                }

                return next.IsCompleted;
            }, "a telemetry sample after moving the clock");
            samples.Add(await next);
        }

        var seqs = samples.Select(s => s.GetProperty("seq").GetInt64()).ToList();
        Assert.True(seqs[0] < seqs[1] && seqs[1] < seqs[2], $"seq increases: {string.Join(", ", seqs)}");
        var timestamps = samples.Select(s => s.GetProperty("timestamp").GetInt64()).ToList();
        Assert.True(timestamps[0] >= start.ToUnixTimeMilliseconds() && timestamps[2] > timestamps[0], "timestamps come from the injected clock");
        var signals = samples[^1].GetProperty("signals");
        Assert.InRange(signals.GetProperty("speed").GetDouble(), 0, 250);
        Assert.InRange(signals.GetProperty("stateOfCharge").GetDouble(), 0, 100);
        Assert.InRange(signals.GetProperty("latitude").GetDouble(), 52.3, 52.5);
        Assert.InRange(signals.GetProperty("tyrePressureFrontLeft").GetDouble(), 1.8, 3.0);
        Assert.True(signals.GetProperty("doorsLocked").GetBoolean());
    }

    [Fact]
    public async Task ProvisionByClaim_FirstStart_ProvisionsAndConnectsAsTheThing_RestartReusesKeyAndCertificate()
    {
        using var data = new TempDirectory();
        var vin = VehicleHarness.NewVin();
        var thing = VehicleIdentity.ThingName(vin);
        await using var responder = await ClaimResponder.StartAsync(_broker);
        await using var cloud = await CloudSide.ConnectAsync(_broker, $"$aws/events/presence/+/{thing}");
        var options = VehicleHarness.Options(_broker, data.Path) with { ProvisionByClaim = true };

        string keyAfterFirstStart;
        string certificateId;
        await using (var first = VehicleHarness.Start(options, vin))
        {
            var connected = await cloud.NextJsonAsync($"/connected/{thing}");
            certificateId = connected.GetProperty("principalIdentifier").GetString()!;
            Assert.Equal(thing, first.Vehicle.ThingName);
            Assert.Equal(1, first.Counters.Provisioned);
            keyAfterFirstStart = await File.ReadAllTextAsync(Path.Combine(data.Path, "vehicles", vin, "private-key.pem"));
            using var certificate = first.Vehicle.Credentials.LoadClientCertificate();
            Assert.NotNull(certificate);
            Assert.Equal(certificateId, Convert.ToHexStringLower(certificate.GetCertHash(HashAlgorithmName.SHA256)));
            Assert.True(certificate.HasPrivateKey, "the certificate matches the key kept on disk");
        }

        await using var restarted = VehicleHarness.Start(options, vin);
        var reconnected = await cloud.NextJsonAsync($"/connected/{thing}");
        Assert.Equal(certificateId, reconnected.GetProperty("principalIdentifier").GetString());
        Assert.Equal(1, responder.CsrRequests);
        Assert.Equal(1, responder.ProvisionRequests);
        Assert.Equal(0, restarted.Counters.Provisioned);
        Assert.Equal(keyAfterFirstStart, await File.ReadAllTextAsync(Path.Combine(data.Path, "vehicles", vin, "private-key.pem")));
    }

    [Fact]
    public async Task ProvisionByClaim_Rejected_RetriesAndReportsTheReason()
    {
        using var data = new TempDirectory();
        var vin = VehicleHarness.NewVin();
        await using var responder = await ClaimResponder.StartAsync(_broker);
        responder.DeniedVins.Add(vin);
        var options = VehicleHarness.Options(_broker, data.Path) with { ProvisionByClaim = true };

        await using var harness = VehicleHarness.Start(options, vin);

        await Poll.UntilAsync(() => harness.Counters.ConnectFailures >= 1, "the rejection to be counted");
        Assert.Contains("ACCESS_DENIED", harness.Counters.LastError, StringComparison.Ordinal);
        Assert.Null(harness.Vehicle.ThingName);
        Assert.False(File.Exists(Path.Combine(data.Path, "vehicles", vin, "certificate.pem")));
    }

    [Fact]
    public async Task CertificateRotation_NewKeyAndCsr_ThenInstall_ReconnectsWithTheNewCertificate()
    {
        using var data = new TempDirectory();
        var vin = VehicleHarness.NewVin();
        var thing = VehicleIdentity.ThingName(vin);
        await using var responder = await ClaimResponder.StartAsync(_broker);
        await using var cloud = await CloudSide.ConnectAsync(_broker, $"$aws/events/presence/+/{thing}", "cloud/replies/#");
        var options = VehicleHarness.Options(_broker, data.Path) with { ProvisionByClaim = true };
        await using var harness = VehicleHarness.Start(options, vin);
        var first = await cloud.NextJsonAsync($"/connected/{thing}");
        var oldKey = await File.ReadAllTextAsync(Path.Combine(data.Path, "vehicles", vin, "private-key.pem"));

        await cloud.PublishAsync($"$aws/commands/things/{thing}/executions/rot-1/request/json",
            """{"executionId":"rot-1","command":"rotate-certificate","parameters":{"rotationId":"r1"}}""", "cloud/replies/rot-1", "rot-1");
        var rotate = CloudSide.Json(await cloud.NextAsync("cloud/replies/rot-1"));
        Assert.Equal("SUCCEEDED", rotate.GetProperty("status").GetString());
        var csr = rotate.GetProperty("result").GetProperty("certificateSigningRequest").GetString()!;
        var request = CertificateRequest.LoadSigningRequestPem(csr, HashAlgorithmName.SHA256);
        Assert.Equal($"CN={thing}", request.SubjectName.Name);

        var pem = responder.Sign(csr, out var newId);
        var install = JsonSerializer.Serialize(new { executionId = "rot-2", command = "install-certificate", parameters = new { rotationId = "r1", certificateId = newId, certificatePem = pem } });
        await cloud.PublishAsync($"$aws/commands/things/{thing}/executions/rot-2/request/json", install, "cloud/replies/rot-2", "rot-2");
        Assert.Equal("SUCCEEDED", CloudSide.Json(await cloud.NextAsync("cloud/replies/rot-2")).GetProperty("status").GetString());

        var disconnected = await cloud.NextJsonAsync($"/disconnected/{thing}");
        Assert.Equal(first.GetProperty("versionNumber").GetInt64(), disconnected.GetProperty("versionNumber").GetInt64());
        var second = await cloud.NextJsonAsync($"/connected/{thing}");
        Assert.Equal(newId, second.GetProperty("principalIdentifier").GetString());
        Assert.True(second.GetProperty("versionNumber").GetInt64() > first.GetProperty("versionNumber").GetInt64());
        Assert.NotEqual(oldKey, await File.ReadAllTextAsync(Path.Combine(data.Path, "vehicles", vin, "private-key.pem")));
        Assert.Equal(1, harness.Counters.CertificatesRotated);
    }

    [Fact]
    public async Task InstallCertificate_ForAnotherKey_FailsAndKeepsTheOldCertificate()
    {
        using var data = new TempDirectory();
        var vin = VehicleHarness.NewVin();
        var thing = VehicleIdentity.ThingName(vin);
        await using var responder = await ClaimResponder.StartAsync(_broker);
        await using var cloud = await CloudSide.ConnectAsync(_broker, $"$aws/events/presence/+/{thing}", "cloud/replies/#");
        var options = VehicleHarness.Options(_broker, data.Path) with { ProvisionByClaim = true };
        await using var harness = VehicleHarness.Start(options, vin);
        await cloud.NextAsync($"/connected/{thing}");
        var certificateBefore = await File.ReadAllTextAsync(Path.Combine(data.Path, "vehicles", vin, "certificate.pem"));
        using var strangerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var strangerPem = responder.Sign(new CertificateRequest($"CN={thing}", strangerKey, HashAlgorithmName.SHA256).CreateSigningRequestPem(), out var strangerId);

        var install = JsonSerializer.Serialize(new { executionId = "i1", command = "install-certificate", parameters = new { certificateId = strangerId, certificatePem = strangerPem } });
        await cloud.PublishAsync($"$aws/commands/things/{thing}/executions/i1/request/json", install, "cloud/replies/i1", "i1");

        var reply = CloudSide.Json(await cloud.NextAsync("cloud/replies/i1"));
        Assert.Equal("FAILED", reply.GetProperty("status").GetString());
        Assert.Equal("CERTIFICATE_MISMATCH", reply.GetProperty("statusReason").GetProperty("reasonCode").GetString());
        Assert.Equal(certificateBefore, await File.ReadAllTextAsync(Path.Combine(data.Path, "vehicles", vin, "certificate.pem")));
    }

    [Fact]
    public async Task Disconnect_RevokedCertificate_AnswersDisconnectsCleanlyAndStopsConnectingWithIt()
    {
        using var data = new TempDirectory();
        var vin = VehicleHarness.NewVin();
        var thing = VehicleIdentity.ThingName(vin);
        await using var responder = await ClaimResponder.StartAsync(_broker);
        await using var cloud = await CloudSide.ConnectAsync(_broker, $"$aws/events/presence/+/{thing}", "cloud/replies/#");
        var options = VehicleHarness.Options(_broker, data.Path) with { ProvisionByClaim = true };
        await using (var harness = VehicleHarness.Start(options, vin))
        {
            var connected = await cloud.NextJsonAsync($"/connected/{thing}");
            var certificateId = connected.GetProperty("principalIdentifier").GetString()!;

            var request = JsonSerializer.Serialize(new { executionId = "revoked-1", command = "disconnect", parameters = new { reason = "certificate revoked", certificateId } });
            await cloud.PublishAsync($"$aws/commands/things/{thing}/executions/revoked-1/request/json", request, "cloud/replies/revoked-1", "revoked-1");

            var reply = CloudSide.Json(await cloud.NextAsync("cloud/replies/revoked-1"));
            Assert.Equal("SUCCEEDED", reply.GetProperty("status").GetString());
            Assert.Equal(certificateId, reply.GetProperty("result").GetProperty("certificateId").GetString());
            var disconnected = await cloud.NextJsonAsync($"/disconnected/{thing}");
            Assert.True(disconnected.GetProperty("clientInitiatedDisconnect").GetBoolean());
            Assert.Equal(connected.GetProperty("versionNumber").GetInt64(), disconnected.GetProperty("versionNumber").GetInt64());

            await Poll.UntilAsync(() => harness.Counters.CertificatesRevoked == 1, "the vehicle to stop on its revoked certificate");
            harness.Vehicle.GoOnline();
            Assert.True(harness.Vehicle.IsCertificateRevoked);
            Assert.Contains(certificateId, harness.Counters.LastError, StringComparison.Ordinal);
            Assert.Equal(1, harness.Counters.Connects);
        }

        // A restart does not try the revoked certificate either: it is counted before any connect attempt.
        await using var restarted = VehicleHarness.Start(options, vin);
        await Poll.UntilAsync(() => restarted.Counters.CertificatesRevoked == 1, "the restarted vehicle to see its certificate revoked");
        Assert.Equal(0, restarted.Counters.Connects);
        Assert.Equal(0, restarted.Counters.ConnectFailures);
        Assert.Equal(1, responder.ProvisionRequests);
    }

    [Fact]
    public async Task Disconnect_NamingAnotherCertificate_IsRejectedAndTheVehicleStaysConnected()
    {
        using var data = new TempDirectory();
        var vin = VehicleHarness.NewVin();
        var thing = VehicleIdentity.ThingName(vin);
        await using var responder = await ClaimResponder.StartAsync(_broker);
        await using var cloud = await CloudSide.ConnectAsync(_broker, $"$aws/events/presence/+/{thing}", "cloud/replies/#");
        var options = VehicleHarness.Options(_broker, data.Path) with { ProvisionByClaim = true };
        await using var harness = VehicleHarness.Start(options, vin);
        await cloud.NextAsync($"/connected/{thing}");

        await cloud.PublishAsync($"$aws/commands/things/{thing}/executions/d1/request/json",
            """{"executionId":"d1","command":"disconnect","parameters":{"reason":"certificate revoked","certificateId":"00ff"}}""", "cloud/replies/d1", "d1");
        var reply = CloudSide.Json(await cloud.NextAsync("cloud/replies/d1"));
        Assert.Equal("REJECTED", reply.GetProperty("status").GetString());
        Assert.Equal("CERTIFICATE_NOT_IN_USE", reply.GetProperty("statusReason").GetProperty("reasonCode").GetString());

        // Still connected on the same session: the next command is answered.
        await cloud.PublishAsync($"$aws/commands/things/{thing}/executions/u1/request/json",
            """{"executionId":"u1","command":"unlock","parameters":{}}""", "cloud/replies/u1", "u1");
        Assert.Equal("SUCCEEDED", CloudSide.Json(await cloud.NextAsync("cloud/replies/u1")).GetProperty("status").GetString());
        Assert.False(harness.Vehicle.IsCertificateRevoked);
        Assert.Equal(0, harness.Counters.CertificatesRevoked);
    }
}
