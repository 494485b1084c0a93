namespace Twins.Grains.Interfaces.Certificates;

/// <summary>
/// Fleet provisioning by claim (stateless; the gateway spreads requests over a few keys so they run in
/// parallel). Every refusal is a rejected reply with a precise <c>errorCode</c> and changes nothing.
/// </summary>
[Alias("Twins.IProvisioningGrain")]
public interface IProvisioningGrain : IGrainWithStringKey
{
    /// <summary><c>$aws/certificates/create-from-csr/json</c>: issues a PENDING_ACTIVATION certificate and an ownership token.</summary>
    /// <param name="requestId">Idempotency key (a redelivered request gets the same certificate).</param>
    /// <param name="payload">The request's JSON.</param>
    [Alias("CreateFromCsrAsync")]
    Task<ProvisioningReply> CreateFromCsrAsync(string requestId, [Immutable] byte[] payload);

    /// <summary><c>$aws/provisioning-templates/{template}/provision/json</c>: registers the vehicle and activates its certificate.</summary>
    [Alias("ProvisionAsync")]
    Task<ProvisioningReply> ProvisionAsync(string templateName, [Immutable] byte[] payload);
}
