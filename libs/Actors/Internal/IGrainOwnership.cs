namespace Twins.Actors.Internal;

/// <summary>Whether this silo owns a grain now (a cluster registers one; a single silo owns everything).</summary>
internal interface IGrainOwnership
{
    bool IsLocal(GrainId grainId);
}
