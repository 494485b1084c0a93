using System.Collections;
using Microsoft.Extensions.Logging;
using Twins.Actors.Internal;

namespace Twins.Actors;

/// <summary>
/// Keeps a grain's subscribers, as Orleans' <c>ObserverManager</c> does: each subscription expires unless
/// it is renewed (by subscribing again) within <see cref="ExpirationDuration"/>, so subscribers that went
/// away without unsubscribing are dropped; a subscriber whose notification fails is dropped too. Used from
/// grain code, so it is not thread-safe (a grain's turns do not overlap).
/// </summary>
public class ObserverManager<TIdentity, TObserver> : IEnumerable<TObserver>
    where TIdentity : notnull
{
    private readonly Dictionary<TIdentity, (TObserver Observer, DateTimeOffset LastSeen)> _observers = [];
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates a manager whose subscriptions live for <paramref name="expiration"/> after their last renewal.</summary>
    public ObserverManager(TimeSpan expiration, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(expiration, TimeSpan.Zero);
        ExpirationDuration = expiration;
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>How long a subscription lives without renewal.</summary>
    public TimeSpan ExpirationDuration { get; set; }

    /// <summary>Number of subscribers (expired ones included until the next notification or <see cref="ClearExpired"/>).</summary>
    public int Count => _observers.Count;

    /// <summary>The subscribers by identity.</summary>
    public IReadOnlyDictionary<TIdentity, TObserver> Observers => _observers.ToDictionary(kv => kv.Key, kv => kv.Value.Observer);

    /// <summary>Adds or renews a subscription.</summary>
    public void Subscribe(TIdentity id, TObserver observer) => _observers[id] = (observer, _time.GetUtcNow());

    /// <summary>Removes a subscription.</summary>
    public void Unsubscribe(TIdentity id) => _observers.Remove(id);

    /// <summary>Removes every subscription.</summary>
    public void Clear() => _observers.Clear();

    /// <summary>Drops subscriptions not renewed within <see cref="ExpirationDuration"/>.</summary>
    public void ClearExpired()
    {
        var cutoff = _time.GetUtcNow() - ExpirationDuration;
        foreach (var (id, entry) in _observers.ToList())
        {
            if (entry.LastSeen < cutoff)
            {
                _observers.Remove(id);
                ObserverLog.Expired(_logger, id.ToString() ?? "", entry.LastSeen);
            }
        }
    }

    /// <summary>
    /// Notifies every live subscriber (matching <paramref name="predicate"/>), concurrently; drops expired
    /// subscribers first and failed ones afterwards.
    /// </summary>
    public async Task NotifyAsync(Func<TObserver, Task> notification, Func<TObserver, bool>? predicate = null)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ClearExpired();
        var targets = _observers.Where(kv => predicate?.Invoke(kv.Value.Observer) ?? true).ToList();
        var calls = new Task[targets.Count];
        for (var i = 0; i < targets.Count; i++)
        {
            calls[i] = Invoke(notification, targets[i].Value.Observer);
        }

        try
        {
            await Task.WhenAll(calls).ConfigureAwait(true);
        }
#pragma warning disable CA1031 // each failure is handled per subscriber below
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        for (var i = 0; i < targets.Count; i++)
        {
            if (calls[i].IsFaulted)
            {
                _observers.Remove(targets[i].Key);
                ObserverLog.Failed(_logger, targets[i].Key.ToString() ?? "", calls[i].Exception!.GetBaseException());
            }
        }
    }

    /// <summary>Notifies every live subscriber synchronously (a subscriber that throws is dropped).</summary>
    public void Notify(Action<TObserver> notification, Func<TObserver, bool>? predicate = null)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ClearExpired();
        foreach (var (id, entry) in _observers.ToList())
        {
            if (predicate is not null && !predicate(entry.Observer))
            {
                continue;
            }

            try
            {
                notification(entry.Observer);
            }
#pragma warning disable CA1031 // a failing subscriber is dropped, the others still hear
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _observers.Remove(id);
                ObserverLog.Failed(_logger, id.ToString() ?? "", ex);
            }
        }
    }

    /// <inheritdoc />
    public IEnumerator<TObserver> GetEnumerator() => _observers.Values.Select(v => v.Observer).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static Task Invoke(Func<TObserver, Task> notification, TObserver observer)
    {
        try
        {
            return notification(observer);
        }
#pragma warning disable CA1031 // a synchronous throw counts as a failed notification
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Task.FromException(ex);
        }
    }
}
