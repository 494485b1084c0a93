namespace Twins.Actors;

/// <summary>A grain timer: its ticks run as turns of the activation that registered it; disposed with it.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Changes when the timer next fires and its period (measured from the end of each tick).</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}
