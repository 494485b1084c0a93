namespace Twins.Actors.Filters;

/// <summary>Runs around every call made through a grain reference of this process, in registration order.</summary>
public interface IOutgoingGrainCallFilter
{
    /// <summary>Handles the call; calls <see cref="IGrainCallContext.Invoke"/> to continue.</summary>
    Task Invoke(IOutgoingGrainCallContext context);
}
