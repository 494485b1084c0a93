namespace Twins.Actors.Tests.Grains;

/// <summary>A grain interface no class implements.</summary>
public interface IOrphanGrain : IGrainWithStringKey
{
    Task PingAsync();
}
