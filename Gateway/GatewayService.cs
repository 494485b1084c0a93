using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Twins.Gateway.Diagnostics;

namespace Twins.Gateway;

/// <summary>Runs the publisher and the K workers for the life of the host; the broker may come up later (connections retry).</summary>
internal sealed class GatewayService : IHostedService, IAsyncDisposable
{
    private readonly GatewayOptions _options;
    private readonly GatewayPublisher _publisher;
    private readonly InboundHandler _handler;
    private readonly GatewayCounters _counters;
    private readonly GatewayMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<GatewayWorker> _workers = [];
    private Task? _starting;

    public GatewayService(IOptions<GatewayOptions> options, GatewayPublisher publisher, InboundHandler handler, GatewayCounters counters, GatewayMetrics metrics, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _publisher = publisher;
        _handler = handler;
        _counters = counters;
        _metrics = metrics;
        _time = time;
        _loggers = loggers;
    }

    internal IReadOnlyList<GatewayWorker> Workers => _workers;

    /// <summary>Completes once the publisher and every worker are connected and subscribed.</summary>
    internal Task Started => _starting ?? Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < _options.Workers; i++)
        {
            _workers.Add(NewWorker(i));
        }

        // Connecting happens in the background so the silo starts (and answers /healthz) without a broker.
        _starting = Task.WhenAll([_publisher.StartAsync(_stopping.Token), .. _workers.Select(w => w.StartAsync(_stopping.Token))]);
        return Task.CompletedTask;
    }

    /// <summary>Test support: crashes worker <paramref name="index"/> (nothing in hand acknowledged) and starts a new one with the same client id, which resumes its session.</summary>
    internal async Task<GatewayWorker> CrashAndRestartWorkerAsync(int index)
    {
        await _workers[index].AbortAsync().ConfigureAwait(false);
        var worker = NewWorker(index);
        _workers[index] = worker;
        await worker.StartAsync(_stopping.Token).ConfigureAwait(false);
        return worker;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_starting is not null)
        {
            try
            {
                await _starting.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Never connected.
            }
        }

        await Task.WhenAll(_workers.Select(w => w.StopAsync())).ConfigureAwait(false);
        await _publisher.DisposeAsync().ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        _stopping.Dispose();
        return ValueTask.CompletedTask;
    }

    private GatewayWorker NewWorker(int index) => new(index, _options, _handler, _counters, _metrics, _time, _loggers);
}
