using Twins.Actors.Runtime;

namespace Twins.Actors.Internal;

/// <summary>Single silo: every grain lives here.</summary>
internal sealed class LocalGrainLocator(Catalog catalog) : IGrainLocator
{
    public IGrainCallDestination Locate(GrainId grainId) => catalog;
}
