namespace Twins.Actors.Runtime;

/// <summary>
/// Decides which silo owns a grain. The single-silo locator answers "here"; a cluster replaces it with
/// one that places grains over the membership view.
/// </summary>
public interface IGrainLocator
{
    /// <summary>The destination that serves <paramref name="grainId"/> now.</summary>
    IGrainCallDestination Locate(GrainId grainId);
}
