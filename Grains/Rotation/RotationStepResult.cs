namespace Twins.Grains.Rotation;

/// <summary>The result of one <see cref="RotationEngine"/> call.</summary>
/// <param name="Workflow">The workflow to persist (the same instance when nothing changed).</param>
/// <param name="Actions">What to do after persisting, in order.</param>
/// <param name="Error">Why an input was refused (wrong vehicle, wrong step), or <c>null</c>.</param>
public sealed record RotationStepResult(RotationWorkflow Workflow, IReadOnlyList<RotationAction> Actions, string? Error)
{
    /// <summary>True when the workflow changed and must be written before acting.</summary>
    public bool Changed { get; init; }
}
