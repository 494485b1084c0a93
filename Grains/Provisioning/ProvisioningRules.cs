namespace Twins.Grains.Provisioning;

/// <summary>
/// The stateless rules of a <c>provision</c> request: known template, authentic unexpired ownership
/// token, a VIN that reduces to a thing name, the allow-list, and a certificate issued for that
/// very vehicle. What needs state (single use of the token, deactivating earlier certificates) is
/// the CertificateGrain's and VehicleGrain's job with the returned decision.
/// </summary>
public sealed class ProvisioningRules
{
    private readonly OwnershipTokenService _tokens;
    private readonly IVinAllowList _allowList;
    private readonly IReadOnlyDictionary<string, ProvisioningTemplate> _templates;

    /// <summary>Creates the rules over the token service, allow-list and configured templates.</summary>
    public ProvisioningRules(OwnershipTokenService tokens, IVinAllowList allowList, IEnumerable<ProvisioningTemplate> templates)
    {
        _tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
        _allowList = allowList ?? throw new ArgumentNullException(nameof(allowList));
        _templates = (templates ?? throw new ArgumentNullException(nameof(templates))).ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>The template named <paramref name="name"/>, if configured.</summary>
    public ProvisioningTemplate? FindTemplate(string name) => _templates.GetValueOrDefault(name);

    /// <summary>
    /// Decides a provision request. <paramref name="certificateCommonName"/> is the CN of the certificate
    /// the token names (from its CertificateGrain), or <c>null</c> if that certificate is unknown.
    /// </summary>
    public async ValueTask<ProvisioningDecision> DecideAsync(string templateName, ProvisionRequest request, Func<string, ValueTask<string?>> certificateCommonName, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(certificateCommonName);
        if (FindTemplate(templateName) is null)
        {
            return ProvisioningDecision.Reject(ProvisioningError.TemplateNotFound(templateName));
        }

        var token = _tokens.Verify(request.CertificateOwnershipToken, now);
        if (!token.IsValid)
        {
            return ProvisioningDecision.Reject(token.Error!);
        }

        if (!VehicleNames.TryGetThingName(request.Vin, out var thingName))
        {
            return ProvisioningDecision.Reject(ProvisioningError.InvalidVin);
        }

        if (!await _allowList.IsAllowedAsync(request.Vin!, cancellationToken))
        {
            return ProvisioningDecision.Reject(ProvisioningError.AccessDenied);
        }

        var commonName = await certificateCommonName(token.CertificateId!);
        if (commonName is null)
        {
            return ProvisioningDecision.Reject(ProvisioningError.InvalidToken("The certificate this token names does not exist (any more)."));
        }

        if (!string.Equals(commonName, thingName, StringComparison.Ordinal))
        {
            return ProvisioningDecision.Reject(ProvisioningError.CertificateForAnotherVehicle(commonName, thingName));
        }

        return new ProvisioningDecision(thingName, token.CertificateId, token.Hash, null);
    }
}
