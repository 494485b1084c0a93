namespace Twins.Actors.Tests.Grains;

public interface IBrokenStoreGrain : IGrainWithGuidKey
{
    Task SaveAsync();
}
