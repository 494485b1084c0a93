using System.Text.Json;
using Twins.Grains.Routing;
using Twins.Mqtt.Client;
using Twins.Mqtt.Packets;

namespace Twins.Simulator;

/// <summary>
/// One virtual vehicle speaking the vehicle contract over its own MQTT connection: provisioning by claim
/// on first start (key and certificate kept on disk), lifecycle events (connected published right after
/// CONNACK, disconnected registered as the Will with the same <c>versionNumber</c>), shadow sync (acts on
/// deltas and reports back), telemetry with an increasing <c>seq</c>, commands answered on their response
/// topic with their correlation data, certificate rotation, the <c>disconnect</c> of a revoked
/// certificate (after which it stops connecting with it), and going offline and online on request.
/// </summary>
/// <remarks>
/// The library's reconnect state machine is off: every session is connected here with a fresh
/// <c>versionNumber</c> in its Will, which an automatic reconnect could not change.
/// </remarks>
internal sealed partial class SimulatedVehicle : IAsyncDisposable
{
    /// <summary>How many overdue telemetry samples a vehicle that fell behind sends at once before skipping the rest.</summary>
    private const int MaximumTelemetryCatchUp = 5;

    private static readonly TimeSpan MinimumBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaximumBackoff = TimeSpan.FromMinutes(2);

    private readonly SimulatorOptions _options;
    private readonly FleetCounters _counters;
    private readonly TimeProvider _time;
    private readonly TopicBuilder _topics;
    private readonly CredentialStore _credentials;
    private readonly VehicleState _state;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim? _connecting;
    private MqttClient? _client;
    private CancellationTokenSource? _session;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _wantOnline = true;
    private bool _reconnectNow;
    private bool _revokedWithoutCertificate;
    private int _countedRevoked;
    private int _countedOnline;
    private long _versionNumber;
    private long _seq;
    private long _clientToken;
    private DateTimeOffset _lastAdvance;

    // connecting: shared by the fleet, bounds how many vehicles connect (and provision) at once.
    public SimulatedVehicle(string vin, SimulatorOptions options, FleetCounters counters, TimeProvider? timeProvider = null, SemaphoreSlim? connecting = null)
    {
        _connecting = connecting;
        Vin = vin;
        _options = options;
        _counters = counters;
        _time = timeProvider ?? TimeProvider.System;
        _topics = new TopicBuilder(new TopicOptions { AwsPrefix = options.AwsPrefix });
        _credentials = new CredentialStore(options.DataDirectory, vin);
        _state = new VehicleState(Random.Shared);
        _lastAdvance = _time.GetUtcNow();
    }

    public string Vin { get; }

    /// <summary>The thing name (after provisioning), also the MQTT client id.</summary>
    public string? ThingName { get; private set; }

    public bool IsOnline => _client?.IsConnected == true;

    public bool WantsOnline => Volatile.Read(ref _wantOnline);

    /// <summary>When an offline spell ends (set by the fleet's chaos loop).</summary>
    public DateTimeOffset OfflineUntil { get; set; }

    /// <summary>The <c>versionNumber</c> of the current (or last) session.</summary>
    public long VersionNumber => Interlocked.Read(ref _versionNumber);

    /// <summary>The last telemetry <c>seq</c> published.</summary>
    public long LastSeq => Interlocked.Read(ref _seq);

    /// <summary>True when Twins revoked the certificate the vehicle has: it stays offline instead of retrying with it.</summary>
    public bool IsCertificateRevoked => Volatile.Read(ref _revokedWithoutCertificate) || _credentials.IsCertificateRevoked;

    internal VehicleState State => _state;

    internal CredentialStore Credentials => _credentials;

    /// <summary>Keeps the vehicle online (reconnecting with backoff) until cancelled or taken offline.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        var backoff = MinimumBackoff;
        while (!cancellationToken.IsCancellationRequested)
        {
            Task wake;
            lock (_gate)
            {
                wake = _wake.Task;
            }

            if (!WantsOnline)
            {
                try
                {
                    await wake.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                continue;
            }

            if (IsCertificateRevoked)
            {
                // Counted once, then parked: the broker refuses the certificate, so retrying would only spin.
                if (Interlocked.Exchange(ref _countedRevoked, 1) == 0)
                {
                    _counters.CertificateRevoked($"{Vin}: certificate {_credentials.CertificateId ?? "(none)"} revoked; not reconnecting with it");
                }

                try
                {
                    await wake.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                continue;
            }

            try
            {
                var session = await ProvisionAndConnectAsync(cancellationToken).ConfigureAwait(false);
                backoff = MinimumBackoff;
                await RunSessionAsync(session, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is MqttConnectingFailedException or MqttClientNotConnectedException or TimeoutException or IOException
                or System.Net.Sockets.SocketException or ProvisioningRejectedException or System.Security.Authentication.AuthenticationException
                or OperationCanceledException or System.Security.Cryptography.CryptographicException)
            {
                _counters.ConnectFailed($"{Vin}: {e.Message}");
                await DisposeClientAsync().ConfigureAwait(false);
                var delay = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * backoff.TotalMilliseconds);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaximumBackoff.Ticks));
                try
                {
                    await Task.WhenAny(Task.Delay(delay, _time, cancellationToken), wake).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            if (Volatile.Read(ref _reconnectNow))
            {
                Volatile.Write(ref _reconnectNow, false);
            }
        }

        CountOffline();
        await DisposeClientAsync().ConfigureAwait(false);
    }

    private async Task<CancellationTokenSource> ProvisionAndConnectAsync(CancellationToken cancellationToken)
    {
        if (_connecting is null)
        {
            await EnsureProvisionedAsync(cancellationToken).ConfigureAwait(false);
            return await ConnectAsync(cancellationToken).ConfigureAwait(false);
        }

        await _connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureProvisionedAsync(cancellationToken).ConfigureAwait(false);
            return await ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _connecting.Release();
        }
    }

    /// <summary>
    /// Takes the vehicle offline: cleanly (its disconnected event published, then DISCONNECT) or abruptly
    /// (DISCONNECT with reason 0x04, so the broker publishes the Will as if the link had dropped).
    /// </summary>
    public async Task GoOfflineAsync(bool abrupt, CancellationToken cancellationToken = default)
    {
        Volatile.Write(ref _wantOnline, false);
        await EndSessionAsync(abrupt, "CLIENT_INITIATED_DISCONNECT", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Brings the vehicle back online (its run loop reconnects).</summary>
    public void GoOnline()
    {
        Volatile.Write(ref _wantOnline, true);
        Wake();
    }

    public async ValueTask DisposeAsync()
    {
        Volatile.Write(ref _wantOnline, false);
        await DisposeClientAsync().ConfigureAwait(false);
    }

    private void CountOffline()
    {
        if (Interlocked.Exchange(ref _countedOnline, 0) == 1)
        {
            _counters.Disconnected();
        }
    }

    private void Wake()
    {
        TaskCompletionSource woken;
        lock (_gate)
        {
            woken = _wake;
            _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        woken.TrySetResult();
    }

    private async Task EndSessionAsync(bool abrupt, string reason, CancellationToken cancellationToken)
    {
        var client = _client;
        if (client is { IsConnected: true })
        {
            try
            {
                if (abrupt)
                {
                    await client.DisconnectAsync(new MqttClientDisconnectOptions { ReasonCode = MqttReasonCode.DisconnectWithWillMessage }, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await client.PublishAsync(LifecycleMessage(connected: false, clientInitiated: true, reason), cancellationToken).ConfigureAwait(false);
                    await client.DisconnectAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is MqttClientNotConnectedException or IOException or TimeoutException or ObjectDisposedException)
            {
                // Already gone: the broker publishes the Will.
            }
        }

        CancellationTokenSource? session;
        lock (_gate)
        {
            session = _session;
        }

        if (session is not null)
        {
            await session.CancelAsync().ConfigureAwait(false);
        }
    }

    private async Task DisposeClientAsync()
    {
        var client = Interlocked.Exchange(ref _client, null);
        if (client is not null)
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }
    }

    private MqttClientOptionsBuilder BaseOptions(string clientId)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.Port)
            .WithClientId(clientId)
            .WithCleanStart(true)
            .WithKeepAlivePeriod(_options.KeepAlive)
            .WithTimeout(_options.RequestTimeout)
            .WithoutReconnect()
            .WithTimeProvider(_time)
            .WithDefaultConsumer(new MqttMessageConsumerOptions { Capacity = 64 });
        return builder;
    }

    private MqttClientOptionsBuilder WithTls(MqttClientOptionsBuilder builder, System.Security.Cryptography.X509Certificates.X509Certificate2? clientCertificate)
    {
        if (_options.CertificateAuthority is null)
        {
            return builder;
        }

        return builder.WithTlsOptions(new MqttClientTlsOptions
        {
            UseTls = true,
            TargetHost = _options.TlsServerName ?? _options.Host,
            TrustedCertificateAuthority = _options.CertificateAuthority,
            ClientCertificates = clientCertificate is null ? null : [clientCertificate],
        });
    }

    private async Task<CancellationTokenSource> ConnectAsync(CancellationToken cancellationToken)
    {
        var thing = ThingName!;
        var version = Math.Max(Interlocked.Read(ref _versionNumber) + 1, _time.GetUtcNow().ToUnixTimeMilliseconds());
        Interlocked.Exchange(ref _versionNumber, version);

        var certificate = _options.CertificateAuthority is null ? null : _credentials.LoadClientCertificate();
        var options = WithTls(BaseOptions(thing), certificate)
            .WithWill(LifecycleMessage(connected: false, clientInitiated: false, "CONNECTION_LOST"))
            .Build();

        await DisposeClientAsync().ConfigureAwait(false);
        var client = new MqttClient();
        var session = new CancellationTokenSource();
        client.DisconnectedAsync += async _ =>
        {
            await session.CancelAsync().ConfigureAwait(false);
        };
        _client = client;

        // The steps after CONNACK wait for acks; if the vehicle is taken offline meanwhile (the
        // DisconnectedAsync handler cancels the session), they must end instead of waiting for a
        // PUBACK that no connection will bring, so the run loop can reconnect when it goes online.
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(session.Token, cancellationToken);
        await client.ConnectAsync(options, attempt.Token).ConfigureAwait(false);

        // Subscribe before announcing the connection: Twins publishes the pending delta on the connected event.
        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(_topics.ShadowUpdateDelta(thing, null), MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(_topics.CommandRequest(thing, "+"), MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(_topics.VehicleCritical(thing), MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(_topics.FleetCritical(), MqttQualityOfServiceLevel.AtLeastOnce)
            .Build(), attempt.Token).ConfigureAwait(false);
        await client.PublishAsync(LifecycleMessage(connected: true, clientInitiated: false, null), attempt.Token).ConfigureAwait(false);
        if (Interlocked.Exchange(ref _countedOnline, 1) == 0)
        {
            _counters.Connected();
        }

        lock (_gate)
        {
            _session = session;
        }

        await ReportStateAsync(client, attempt.Token).ConfigureAwait(false);
        return session;
    }

    private async Task RunSessionAsync(CancellationTokenSource session, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(session.Token, cancellationToken);
        var token = linked.Token;
        var client = _client!;
        try
        {
            var receiving = ReceiveAsync(client, token);
            var sending = SendTelemetryAsync(client, token);
            await Task.WhenAll(receiving, sending).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        finally
        {
            lock (_gate)
            {
                _session = null;
            }

            session.Dispose();
            CountOffline();
            await DisposeClientAsync().ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task SendTelemetryAsync(MqttClient client, CancellationToken cancellationToken)
    {
        // Spread the fleet's samples over the period instead of sending them all on the same tick, then
        // keep each vehicle on its own fixed grid (see TelemetrySchedule: no drift from publish time).
        var interval = _options.TelemetryInterval;
        var schedule = new TelemetrySchedule(_time, interval, TimeSpan.FromTicks((long)(Random.Shared.NextDouble() * interval.Ticks)), MaximumTelemetryCatchUp);
        var topic = _topics.Telemetry(ThingName!);
        while (!cancellationToken.IsCancellationRequested)
        {
            var delay = schedule.NextDelay(out var skipped);
            if (skipped > 0)
            {
                _counters.SkippedTelemetry(skipped);
            }

            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }

            await PublishTelemetryAsync(client, topic, cancellationToken).ConfigureAwait(false);
            schedule.Sent();
        }
    }

    private async Task PublishTelemetryAsync(MqttClient client, string topic, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        byte[] payload;
        lock (_gate)
        {
            _state.Advance(now - _lastAdvance, Random.Shared);
            _lastAdvance = now;

            // seq starts from the clock so it keeps increasing across restarts of the simulator.
            var seq = Math.Max(_seq + 1, now.ToUnixTimeMilliseconds());
            _seq = seq;
            payload = JsonPayload.Object(w =>
            {
                w.WriteNumber("timestamp", now.ToUnixTimeMilliseconds());
                w.WriteNumber("seq", seq);
                w.WriteStartObject("signals");
                _state.WriteSignals(w);
                w.WriteEndObject();
            });
        }

        try
        {
            await client.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(payload)
                .WithQualityOfServiceLevel(_options.TelemetryAtLeastOnce ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce)
                .Build(), cancellationToken).ConfigureAwait(false);
            _counters.TelemetryPublished();
        }
        catch (MqttClientNotConnectedException)
        {
            // The session is ending; the run loop reconnects.
        }
    }

    private async Task ReceiveAsync(MqttClient client, CancellationToken cancellationToken)
    {
        while (true)
        {
            var received = await client.ApplicationMessages.ReadAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await HandleAsync(client, received.ApplicationMessage, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A bad message (or a full disk) must not stop the vehicle: counted, shown, and the next message handled.
                _counters.Error($"{Vin}: {received.ApplicationMessage.Topic}: {e.Message}");
            }
        }
    }

    private async Task HandleAsync(MqttClient client, MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        var topic = message.Topic;
        if (topic.EndsWith("/update/delta", StringComparison.Ordinal))
        {
            await ApplyDeltaAsync(client, message, cancellationToken).ConfigureAwait(false);
        }
        else if (topic.EndsWith("/request/json", StringComparison.Ordinal))
        {
            await HandleCommandAsync(client, message, cancellationToken).ConfigureAwait(false);
        }
        else if (topic.EndsWith("/critical", StringComparison.Ordinal))
        {
            if (!message.Payload.IsEmpty)
            {
                _counters.CriticalMessage();
            }
        }
    }

    private async Task ApplyDeltaAsync(MqttClient client, MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(message.Payload);
        if (!document.RootElement.TryGetProperty("state", out var state) || state.ValueKind != JsonValueKind.Object)
        {
            _counters.Error($"{Vin}: delta without a state object");
            return;
        }

        lock (_gate)
        {
            if (state.TryGetProperty("doors", out var doors) && doors.ValueKind == JsonValueKind.Object
                && doors.TryGetProperty("locked", out var locked) && locked.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                _state.DoorsLocked = locked.GetBoolean();
            }

            if (state.TryGetProperty("climate", out var climate) && climate.ValueKind == JsonValueKind.Object)
            {
                if (climate.TryGetProperty("on", out var on) && on.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    _state.ClimateOn = on.GetBoolean();
                }

                if (climate.TryGetProperty("targetTemperature", out var target) && target.TryGetDouble(out var celsius))
                {
                    _state.ClimateTargetCelsius = Math.Clamp(celsius, 16, 28);
                }
            }
        }

        // Report the desired values back (the vehicle takes whatever it is asked), which clears the delta.
        var reported = JsonPayload.Object(w =>
        {
            w.WriteStartObject("state");
            w.WritePropertyName("reported");
            state.WriteTo(w);
            w.WriteEndObject();
            w.WriteString("clientToken", NextClientToken());
        });
        await PublishAsync(client, _topics.ShadowRequest(ThingName!, null, ShadowOperation.Update), reported, cancellationToken).ConfigureAwait(false);
        _counters.DeltaApplied();
    }

    private async Task ReportStateAsync(MqttClient client, CancellationToken cancellationToken)
    {
        byte[] payload;
        lock (_gate)
        {
            payload = JsonPayload.Object(w =>
            {
                w.WriteStartObject("state");
                w.WriteStartObject("reported");
                _state.WriteReported(w);
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteString("clientToken", NextClientToken());
            });
        }

        await PublishAsync(client, _topics.ShadowRequest(ThingName!, null, ShadowOperation.Update), payload, cancellationToken).ConfigureAwait(false);
    }

    private string NextClientToken() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Vin}-{Interlocked.Increment(ref _clientToken)}");

    private static Task<MqttClientPublishResult> PublishAsync(MqttClient client, string topic, byte[] payload, CancellationToken cancellationToken) =>
        client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build(), cancellationToken);

    private MqttApplicationMessage LifecycleMessage(bool connected, bool clientInitiated, string? reason)
    {
        var thing = ThingName!;
        var payload = JsonPayload.Object(w =>
        {
            w.WriteString("clientId", thing);
            w.WriteNumber("timestamp", _time.GetUtcNow().ToUnixTimeMilliseconds());
            w.WriteString("eventType", connected ? "connected" : "disconnected");
            w.WriteString("sessionIdentifier", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{thing}-{VersionNumber}"));
            if (_credentials.CertificateId is { } certificateId)
            {
                w.WriteString("principalIdentifier", certificateId);
            }

            w.WriteBoolean("clientInitiatedDisconnect", clientInitiated);
            if (!connected)
            {
                w.WriteString("disconnectReason", reason ?? "UNKNOWN");
            }

            w.WriteNumber("versionNumber", VersionNumber);
        });
        return new MqttApplicationMessageBuilder()
            .WithTopic(connected ? _topics.PresenceConnected(thing) : _topics.PresenceDisconnected(thing))
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
    }
}
