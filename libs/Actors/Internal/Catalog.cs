using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Twins.Actors.Filters;
using Twins.Actors.Hosting;
using Twins.Actors.Invocation;
using Twins.Actors.Runtime;

namespace Twins.Actors.Internal;

/// <summary>
/// This silo's activations: creates one on the first call to a grain, delivers calls to it, collects idle
/// ones, enforces the bound on live activations and fails calls that outlive the call timeout.
/// </summary>
internal sealed partial class Catalog : ILocalGrainCatalog, IDisposable
{
    private readonly ConcurrentDictionary<GrainId, Activation> _activations = new();
    private readonly ConcurrentDictionary<string, GrainClassRegistration?> _classes = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILogger _logger;
    private IGrainFactory? _grainFactory;
    private ReminderService? _reminders;
    private IGrainLocator? _locator;
    private ITimer? _collectionTimer;
    private ITimer? _timeoutTimer;
    private int _count;
    private int _trimming;

    public Catalog(IServiceProvider services, IOptions<SiloOptions> options, TimeProvider time, ILogger<Catalog> logger, IEnumerable<IIncomingGrainCallFilter> incomingFilters)
    {
        Services = services;
        Options = options.Value;
        Time = time;
        _logger = logger;
        IncomingFilters = incomingFilters.ToArray();
        Metrics = services.GetRequiredService<ActorsMetrics>();
    }

    public IServiceProvider Services { get; }

    public SiloOptions Options { get; }

    public TimeProvider Time { get; }

    public ActorsMetrics Metrics { get; }

    public IIncomingGrainCallFilter[] IncomingFilters { get; }

    public CancellationToken Stopping => _stopping.Token;

    public IGrainFactory GrainFactory => _grainFactory ??= Services.GetRequiredService<IGrainFactory>();

    public ReminderService Reminders => _reminders ??= Services.GetRequiredService<ReminderService>();

    private IGrainLocator Locator => _locator ??= Services.GetRequiredService<IGrainLocator>();

    public int ActivationCount => Volatile.Read(ref _count);

    public bool IsActive(GrainId grainId) => _activations.TryGetValue(grainId, out var activation) && activation.IsValid;

    public void Start()
    {
        _collectionTimer = Time.CreateTimer(static s => ((Catalog)s!).CollectIdle(), this, Options.CollectionQuantum, Options.CollectionQuantum);
        var check = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(1).Ticks, Math.Max(Options.CallTimeout.Ticks / 4, TimeSpan.TicksPerMillisecond)));
        _timeoutTimer = Time.CreateTimer(static s => ((Catalog)s!).FailTimedOutCalls(), this, check, check);
    }

    public void Send(GrainRequest request) => Deliver(request);

    /// <summary>Queues <paramref name="request"/> on its activation (creating it); false when it was failed instead.</summary>
    public bool Deliver(GrainRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = request.TargetId;
        while (true)
        {
            if (!_activations.TryGetValue(id, out var activation))
            {
                if (_stopping.IsCancellationRequested)
                {
                    request.TrySetException(new InvalidOperationException($"Silo '{Options.SiloName}' is shutting down; {id} cannot be activated."));
                    return false;
                }

                var grainClass = _classes.GetOrAdd(id.Type, static type => GrainClassRegistry.Find(type));
                if (grainClass is null)
                {
                    request.TrySetException(new InvalidOperationException(id.Type == ObserverType
                        ? $"Observer {id} no longer exists (its reference was deleted or its silo restarted)."
                        : $"No grain class implements grain type '{id.Type}' (called {request.InterfaceType.Name}.{request.MethodName} on {id})."));
                    return false;
                }

                var created = new Activation(this, id, grainClass);
                activation = _activations.GetOrAdd(id, created);
                if (ReferenceEquals(activation, created))
                {
                    OnAdded();
                }
            }

            if (activation.TryEnqueue(request))
            {
                return true;
            }

            // It was deactivated between the lookup and the enqueue; make sure it is gone and retry.
            _activations.TryRemove(new KeyValuePair<GrainId, Activation>(id, activation));
        }
    }

    public async Task DeactivateAsync(GrainId grainId, DeactivationReason reason, CancellationToken cancellationToken = default)
    {
        if (_activations.TryGetValue(grainId, out var activation))
        {
            await activation.Deactivate(reason).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends a request that arrived while its activation was going away to wherever its grain lives now
    /// (this silo, or in a cluster the grain's new owner).
    /// </summary>
    public void Reroute(GrainRequest request) => Locator.Locate(request.TargetId).Send(request);

    /// <summary>Deactivates every activation (not observers) whose grain matches <paramref name="predicate"/> and waits for them.</summary>
    public Task DeactivateWhereAsync(Func<GrainId, bool> predicate, DeactivationReason reason)
    {
        var pending = _activations.Values.Where(a => !a.IsPinned && predicate(a.GrainId)).Select(a => a.Deactivate(reason)).ToArray();
        return pending.Length == 0 ? Task.CompletedTask : Task.WhenAll(pending);
    }

    public void Remove(Activation activation)
    {
        if (_activations.TryRemove(new KeyValuePair<GrainId, Activation>(activation.GrainId, activation)))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    public const string ObserverType = "observer";

    public void AddObserver(GrainId id, object target)
    {
        if (_activations.TryAdd(id, new Activation(this, id, null, target)))
        {
            OnAdded();
        }
    }

    public void RemoveObserver(GrainId id)
    {
        if (_activations.TryGetValue(id, out var activation) && activation.IsPinned)
        {
            Remove(activation);
        }
    }

    /// <summary>Deactivates every activation (reason: shutting down) and waits, up to the shutdown timeout.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _collectionTimer?.Dispose();
        var reason = new DeactivationReason(DeactivationReasonCode.ShuttingDown, $"Silo '{Options.SiloName}' is shutting down.");
        var pending = _activations.Values.Where(a => !a.IsPinned).Select(a => a.Deactivate(reason)).ToArray();
        try
        {
            await Task.WhenAll(pending).WaitAsync(Options.ShutdownTimeout, Time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogShutdownTimedOut(pending.Count(t => !t.IsCompleted), Options.ShutdownTimeout);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host's shutdown timeout ran out first (earlier services took it): stop without waiting.
            LogShutdownTimedOut(pending.Count(t => !t.IsCompleted), Options.ShutdownTimeout);
        }

        _timeoutTimer?.Dispose();
        foreach (var observer in _activations.Values.Where(a => a.IsPinned).ToArray())
        {
            Remove(observer);
        }
    }

    public void Dispose()
    {
        _collectionTimer?.Dispose();
        _timeoutTimer?.Dispose();
        _stopping.Dispose();
    }

    private void OnAdded()
    {
        var count = Interlocked.Increment(ref _count);
        if (Options.MaxActivations > 0 && count > Options.MaxActivations && Interlocked.CompareExchange(ref _trimming, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static self => self.TrimToBound(), this, preferLocal: false);
        }
    }

    private void TrimToBound()
    {
        try
        {
            var excess = ActivationCount - Options.MaxActivations;
            if (excess <= 0)
            {
                return;
            }

            var now = Time.GetTimestamp();
            var victims = _activations.Values
                .Where(a => a.IsIdleSince(long.MaxValue, now))
                .OrderBy(a => a.LastActive)
                .Take(excess)
                .ToList();
            var reason = new DeactivationReason(DeactivationReasonCode.CapacityExceeded, $"More than {Options.MaxActivations} activations; least recently used first.");
            foreach (var victim in victims)
            {
                victim.Deactivate(reason);
            }

            LogTrimmed(victims.Count, Options.MaxActivations);
        }
        finally
        {
            Volatile.Write(ref _trimming, 0);
        }
    }

    private void CollectIdle()
    {
        var now = Time.GetTimestamp();
        var idleSince = now - (long)(Options.CollectionAge.TotalSeconds * Time.TimestampFrequency);
        var reason = new DeactivationReason(DeactivationReasonCode.ActivationIdle, $"Unused for {Options.CollectionAge}.");
        var collected = 0;
        foreach (var (_, activation) in _activations)
        {
            if (activation.IsIdleSince(idleSince, now))
            {
                activation.Deactivate(reason);
                collected++;
            }
        }

        if (collected > 0)
        {
            LogCollected(collected);
        }
    }

    private void FailTimedOutCalls()
    {
        var sentBefore = Time.GetTimestamp() - (long)(Options.CallTimeout.TotalSeconds * Time.TimestampFrequency);
        foreach (var (_, activation) in _activations)
        {
            activation.FailTimedOutCalls(sentBefore, Options.CallTimeout);
        }
    }
}
