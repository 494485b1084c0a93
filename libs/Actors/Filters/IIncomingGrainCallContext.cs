namespace Twins.Actors.Filters;

/// <summary>A call arriving at a grain, inside its turn.</summary>
public interface IIncomingGrainCallContext : IGrainCallContext
{
    /// <summary>The grain instance.</summary>
    object Grain { get; }
}
