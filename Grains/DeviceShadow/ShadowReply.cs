namespace Twins.Grains.DeviceShadow;

/// <summary>The result of a shadow <c>/get</c> or <c>/delete</c>.</summary>
/// <param name="State">The shadow after the request (a delete clears it but keeps its version).</param>
/// <param name="Error">Why the request was rejected, or <c>null</c>.</param>
/// <param name="ClientToken">The request's clientToken, if it sent one.</param>
/// <param name="Payload">The <c>/accepted</c> or <c>/rejected</c> payload.</param>
public sealed record ShadowReply(ShadowState State, ShadowError? Error, string? ClientToken, ReadOnlyMemory<byte> Payload)
{
    /// <summary>True when the payload goes to <c>/accepted</c>.</summary>
    public bool IsAccepted => Error is null;
}
