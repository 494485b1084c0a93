using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Twins.Actors.Hosting;
using Twins.Actors.Internal;
using Twins.Actors.Placement;
using Twins.Actors.Transport.Internal;

namespace Twins.Actors.Membership.Internal;

/// <summary>
/// Joins the silo to the cluster after the runtime started and leaves gracefully before it stops:
/// ShuttingDown (no new activations; callers are answered "moved"), deactivate every grain (persisting
/// nothing implicitly), Dead, close the transport. On a view change it deactivates the grains it no
/// longer owns and moves reminders to their owners.
/// </summary>
internal sealed partial class ClusterSiloService : IHostedService, IDisposable
{
    private readonly MembershipAgent _membership;
    private readonly ClusterTransport _transport;
    private readonly Catalog _catalog;
    private readonly ReminderService _reminders;
    private readonly ClusterOptions _options;
    private readonly SiloOptions _siloOptions;
    private readonly IHostApplicationLifetime? _lifetime;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _rebalanceGate = new(1, 1);

    public ClusterSiloService(MembershipAgent membership, ClusterTransport transport, Catalog catalog, ReminderService reminders, IOptions<ClusterOptions> options, IOptions<SiloOptions> siloOptions, ILogger<ClusterSiloService> logger, IHostApplicationLifetime? lifetime = null)
    {
        _membership = membership;
        _transport = transport;
        _catalog = catalog;
        _reminders = reminders;
        _options = options.Value;
        _siloOptions = siloOptions.Value;
        _lifetime = lifetime;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var port = _transport.Listen(_options.AdvertisedHost, _options.SiloPort);
        var silo = new SiloAddress(_options.AdvertisedHost, port, NewGeneration());
        _membership.ViewChanged += OnViewChanged;
        _membership.StatusWritten += _transport.BroadcastViewNotice;
        _membership.Terminated += OnTerminated;
        await _membership.JoinAsync(silo, _siloOptions.SiloName, cancellationToken).ConfigureAwait(false);
        await RebalanceAsync().ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Each membership write of the leave gets the silo's shutdown timeout (less if the host's comes first).
        // A store that is down or slow must not keep the silo from stopping, nor turn the stop into a crash:
        // the row then stays as it was and the other silos declare this one dead by their probes (heartbeat
        // silence, refused connections), as after a kill.
        try
        {
            if (_membership.IsServing)
            {
                await TryWriteStatusAsync(_membership.BeginLeavingAsync, SiloStatus.ShuttingDown, cancellationToken).ConfigureAwait(false);
                await DeactivateAllAsync(cancellationToken).ConfigureAwait(false);
                await TryWriteStatusAsync(_membership.LeaveAsync, SiloStatus.Dead, cancellationToken).ConfigureAwait(false);
                await _transport.DrainAsync(_siloOptions.ShutdownTimeout).ConfigureAwait(false);
                await _transport.WaitForPeersToDisconnectAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
        }
        finally
        {
            _membership.ViewChanged -= OnViewChanged;
            _membership.Terminated -= OnTerminated;
            _membership.Dispose();
            await _transport.DisposeAsync().ConfigureAwait(false);
        }
    }

    public void Dispose() => _rebalanceGate.Dispose();

    private async Task TryWriteStatusAsync(Func<CancellationToken, Task> write, SiloStatus status, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_siloOptions.ShutdownTimeout);
        // On a thread-pool thread and awaited with the deadline, because some stores block inside the call
        // (SQLite waits out its busy timeout synchronously) and would hold the stop past the deadline.
        var writing = Task.Run(() => write(deadline.Token), CancellationToken.None);
        try
        {
            await writing.WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            // The abandoned write may still finish (harmlessly: the row ends ShuttingDown or Dead); observe its failure.
            _ = writing.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            LogStatusWriteTimedOut(status, _siloOptions.ShutdownTimeout);
        }
#pragma warning disable CA1031 // any store failure (unreachable, throttled, refused) ends the same way: warn and keep stopping
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogStatusWriteFailed(status, ex.Message);
        }
    }

    private async Task DeactivateAllAsync(CancellationToken cancellationToken)
    {
        var reason = new DeactivationReason(DeactivationReasonCode.ShuttingDown, $"Silo '{_siloOptions.SiloName}' is leaving the cluster.");
        try
        {
            await _catalog.DeactivateWhereAsync(static _ => true, reason)
                .WaitAsync(_siloOptions.ShutdownTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogLeaveTimedOut(_siloOptions.ShutdownTimeout);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogLeaveTimedOut(_siloOptions.ShutdownTimeout);
        }
    }

    private static long NewGeneration() => Random.Shared.NextInt64(1, long.MaxValue);

    private void OnViewChanged(MembershipView view) => _ = RebalanceAsync();

    private async Task RebalanceAsync()
    {
        await _rebalanceGate.WaitAsync().ConfigureAwait(false);
        try
        {
            var view = _membership.CurrentView;
            var local = _membership.LocalSilo;
            if (local is null || !view.ActiveSilos.Contains(local))
            {
                return;
            }

            var reason = new DeactivationReason(DeactivationReasonCode.RuntimeRequested, $"Membership view {view.Version} places the grain on another silo.");
            var moving = _catalog.DeactivateWhereAsync(id => RendezvousPlacement.Owner(id, view.ActiveSilos) != local, reason);
            await _reminders.RebalanceAsync().ConfigureAwait(false);
            await moving.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // the next view change or refresh rebalances again
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogRebalanceFailed(ex);
        }
        finally
        {
            _rebalanceGate.Release();
        }
    }

    private void OnTerminated(string reason)
    {
        _transport.StopListening();
        Environment.ExitCode = 70;
        _lifetime?.StopApplication();
    }

    [LoggerMessage(320, LogLevel.Warning, "Leaving the cluster: activations did not deactivate within {Timeout}")]
    private partial void LogLeaveTimedOut(TimeSpan timeout);

    [LoggerMessage(322, LogLevel.Warning, "Leaving the cluster: could not write membership status {Status} within {Timeout}; the other silos will declare this silo dead")]
    private partial void LogStatusWriteTimedOut(SiloStatus status, TimeSpan timeout);

    [LoggerMessage(323, LogLevel.Warning, "Leaving the cluster: could not write membership status {Status} ({Message}); the other silos will declare this silo dead")]
    private partial void LogStatusWriteFailed(SiloStatus status, string message);

    [LoggerMessage(321, LogLevel.Warning, "Moving grains and reminders after a view change failed")]
    private partial void LogRebalanceFailed(Exception exception);
}
