namespace Twins.Actors.Tests.Grains;

/// <summary>Lets a test hold a grain call open and know when it started, without sleeping.</summary>
public sealed class Gate
{
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Entered => _entered.Task;

    public Task WaitAsync()
    {
        _entered.TrySetResult();
        return _release.Task;
    }

    public void Release() => _release.TrySetResult();

    public void Reset()
    {
        _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
