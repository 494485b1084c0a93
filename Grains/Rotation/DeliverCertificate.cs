namespace Twins.Grains.Rotation;

/// <summary>
/// Record the new certificate PENDING_ACTIVATION and send the <c>install-certificate</c> command
/// (parameters <c>{"rotationId","certificateId","certificatePem"}</c>); its SUCCEEDED result calls
/// <see cref="RotationEngine.OnDelivered"/>.
/// </summary>
/// <param name="ExecutionId">A fresh execution id per attempt.</param>
/// <param name="RotationId">The rotation.</param>
/// <param name="CertificateId">The new certificate.</param>
/// <param name="CertificatePem">Its PEM.</param>
/// <param name="Deadline">The command's deadline (the next retry).</param>
public sealed record DeliverCertificate(string ExecutionId, string RotationId, string CertificateId, string CertificatePem, DateTimeOffset Deadline) : RotationAction
{
    /// <summary>The command's name.</summary>
    public const string CommandName = "install-certificate";
}
