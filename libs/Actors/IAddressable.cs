namespace Twins.Actors;

/// <summary>Anything that has a <see cref="Actors.GrainId"/>: grain references, grains and observer references.</summary>
public interface IAddressable
{
}
