namespace Twins.Actors;

/// <summary>A grain addressed by a <see cref="Guid"/> key (<see cref="IGrainFactory.GetGrain{TGrainInterface}(Guid)"/>).</summary>
public interface IGrainWithGuidKey : IGrain
{
}
