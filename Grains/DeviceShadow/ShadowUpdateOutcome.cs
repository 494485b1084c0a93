namespace Twins.Grains.DeviceShadow;

/// <summary>The result of a shadow <c>/update</c>: the state to persist and every message to publish.</summary>
/// <param name="State">The shadow after the update (the unchanged input when rejected).</param>
/// <param name="Error">Why the update was rejected, or <c>null</c> when it was accepted.</param>
/// <param name="ClientToken">The request's clientToken, echoed in every payload below.</param>
/// <param name="Reply">The <c>/update/accepted</c> or <c>/update/rejected</c> payload.</param>
/// <param name="Delta">The <c>/update/delta</c> payload: every current difference, present only when there is one.</param>
/// <param name="Documents">The <c>/update/documents</c> payload (previous and current document), present when accepted.</param>
public sealed record ShadowUpdateOutcome(
    ShadowState State,
    ShadowError? Error,
    string? ClientToken,
    ReadOnlyMemory<byte> Reply,
    ReadOnlyMemory<byte>? Delta,
    ReadOnlyMemory<byte>? Documents)
{
    /// <summary>True when the update was applied (publish <see cref="Reply"/> on <c>/update/accepted</c>).</summary>
    public bool IsAccepted => Error is null;
}
