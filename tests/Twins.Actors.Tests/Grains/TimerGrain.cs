namespace Twins.Actors.Tests.Grains;

public sealed class TimerGrain(Gate gate, Journal journal) : Grain, ITimerGrain
{
    private IGrainTimer? _timer;
    private int _ticks;
    private bool _inCall;

    public Task StartAsync(TimeSpan dueTime, TimeSpan period)
    {
        _timer = RegisterGrainTimer(
            _ =>
            {
                // A tick is a turn: it never runs inside a call.
                journal.Add(_inCall ? "tick-inside-call" : "tick");
                _ticks++;
                return Task.CompletedTask;
            },
            dueTime,
            period);
        return Task.CompletedTask;
    }

    public Task StopAsync()
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public Task<int> GetTicksAsync() => Task.FromResult(_ticks);

    public async Task WaitAsync()
    {
        _inCall = true;
        await gate.WaitAsync();
        _inCall = false;
    }
}
