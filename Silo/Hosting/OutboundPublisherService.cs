using Twins.Gateway;

namespace Twins.Silo.Hosting;

/// <summary>
/// In a clustered silo whose gateway workers run elsewhere (<c>Gateway:Enabled=false</c>, a gateway process):
/// grains still publish their replies, deltas and commands, so the silo keeps the gateway's publisher, one
/// MQTT connection, connected in the background (it retries with backoff; readiness waits for it).
/// </summary>
internal sealed class OutboundPublisherService(GatewayPublisher publisher) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _connecting = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _connecting = publisher.StartAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped before the broker answered.
        }

        await publisher.DisposeAsync().ConfigureAwait(false);
    }

    public void Dispose() => _stopping.Dispose();
}
