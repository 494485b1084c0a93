namespace Twins.Grains.Rotation;

/// <summary>Send the <c>rotate-certificate</c> command (parameters <c>{"rotationId"}</c>); the vehicle answers with <c>result.certificateSigningRequest</c>.</summary>
/// <param name="ExecutionId">A fresh execution id per attempt.</param>
/// <param name="RotationId">The rotation.</param>
/// <param name="Deadline">The command's deadline (the next retry).</param>
public sealed record SendRotateCommand(string ExecutionId, string RotationId, DateTimeOffset Deadline) : RotationAction
{
    /// <summary>The command's name.</summary>
    public const string CommandName = "rotate-certificate";
}
