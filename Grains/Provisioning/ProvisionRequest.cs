namespace Twins.Grains.Provisioning;

/// <summary>A parsed <c>provision</c> request: <c>{"certificateOwnershipToken","parameters":{"vin":"..",...}}</c>.</summary>
/// <param name="CertificateOwnershipToken">The token from create-from-csr.</param>
/// <param name="Parameters">The template parameters (string values).</param>
public sealed record ProvisionRequest(string CertificateOwnershipToken, IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>The <c>vin</c> parameter, if present.</summary>
    public string? Vin => Parameters.TryGetValue("vin", out var vin) ? vin : null;
}
