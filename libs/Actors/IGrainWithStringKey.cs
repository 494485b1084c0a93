namespace Twins.Actors;

/// <summary>A grain addressed by a string key (<see cref="IGrainFactory.GetGrain{TGrainInterface}(string)"/>).</summary>
public interface IGrainWithStringKey : IGrain
{
}
