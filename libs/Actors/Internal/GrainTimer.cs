namespace Twins.Actors.Internal;

/// <summary>
/// A grain timer: a one-shot <see cref="ITimer"/> re-armed after each tick's turn ends, so ticks never
/// overlap and the period runs from the end of a tick. One request object is reused for every tick.
/// </summary>
internal sealed class GrainTimer : IGrainTimer
{
    private readonly Activation _activation;
    private readonly TimerTickRequest _tick;
    private readonly ITimer _timer;
    private TimeSpan _period = Timeout.InfiniteTimeSpan;
    private bool _inFlight;
    private bool _disposed;

    public GrainTimer(Activation activation, TimerTickRequest tick)
    {
        _activation = activation;
        _tick = tick;
        tick.Timer = this;
        _timer = activation.Catalog.Time.CreateTimer(static s => ((GrainTimer)s!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        lock (this)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _period = period;
            if (!_inFlight)
            {
                _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
            }
        }
    }

    public void OnTickEnded()
    {
        lock (this)
        {
            _inFlight = false;
            if (!_disposed && _period != Timeout.InfiniteTimeSpan)
            {
                _timer.Change(_period, Timeout.InfiniteTimeSpan);
            }
        }
    }

    public void Dispose()
    {
        lock (this)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _timer.Dispose();
        }

        _activation.RemoveTimer(this);
    }

    private void OnTimer()
    {
        lock (this)
        {
            if (_disposed || _inFlight)
            {
                return;
            }

            _inFlight = true;
        }

        if (!_activation.TryEnqueue(_tick))
        {
            Dispose();
        }
    }
}
