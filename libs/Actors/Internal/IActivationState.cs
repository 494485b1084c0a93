namespace Twins.Actors.Internal;

/// <summary>A persistent state an activation reads before OnActivateAsync.</summary>
internal interface IActivationState
{
    Task ReadOnActivateAsync(CancellationToken cancellationToken);
}
