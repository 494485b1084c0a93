namespace Twins.Actors.Tests.Grains;

public class TurnGrain(Gate gate) : Grain, ITurnGrain
{
    private readonly List<string> _log = [];
    private int _inside;
    private int _maxInside;
    private int _calls;

    public async Task<int> EnterAsync()
    {
        _inside++;
        _maxInside = Math.Max(_maxInside, _inside);
        await Task.Yield();
        await Task.Yield();
        _inside--;
        _calls++;
        return _maxInside;
    }

    public async Task WaitAsync()
    {
        _log.Add("wait-start");
        await gate.WaitAsync();
        _log.Add("wait-end");
    }

    public Task PingAsync()
    {
        _log.Add("ping");
        return Task.CompletedTask;
    }

    public async Task ReadOnlyWaitAsync()
    {
        _log.Add("ro-wait-start");
        await gate.WaitAsync();
        _log.Add("ro-wait-end");
    }

    public Task ReadOnlyPingAsync()
    {
        _log.Add("ro-ping");
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> GetLogAsync() => Task.FromResult<IReadOnlyList<string>>(_log.ToList());

    public Task<int> ThrowAsync(string message) => throw new ArgumentException(message);

    public Task<int> CountAsync() => Task.FromResult(++_calls);

    public async Task<int> CountOtherAsync(string key)
    {
        _inside++;
        var answer = await GrainFactory.GetGrain<ITurnGrain>(key).CountAsync();
        _inside--;
        return answer + _inside;
    }
}
