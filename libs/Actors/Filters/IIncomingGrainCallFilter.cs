namespace Twins.Actors.Filters;

/// <summary>Runs around every call delivered to a grain of this silo, in registration order (for logging, metrics, authorization).</summary>
public interface IIncomingGrainCallFilter
{
    /// <summary>Handles the call; calls <see cref="IGrainCallContext.Invoke"/> to continue.</summary>
    Task Invoke(IIncomingGrainCallContext context);
}
