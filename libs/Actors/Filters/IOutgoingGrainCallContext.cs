namespace Twins.Actors.Filters;

/// <summary>A call leaving a caller (a grain or any other code holding a reference).</summary>
public interface IOutgoingGrainCallContext : IGrainCallContext
{
}
