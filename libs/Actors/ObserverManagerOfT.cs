using Microsoft.Extensions.Logging;

namespace Twins.Actors;

/// <summary>An <see cref="ObserverManager{TIdentity, TObserver}"/> keyed by the observer reference itself.</summary>
public sealed class ObserverManager<TObserver>(TimeSpan expiration, TimeProvider timeProvider, ILogger logger)
    : ObserverManager<TObserver, TObserver>(expiration, timeProvider, logger)
    where TObserver : notnull
{
}
