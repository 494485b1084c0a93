using Microsoft.Extensions.Logging;
using Twins.Grains.Interfaces.Certificates;
using Twins.Grains.Provisioning;

namespace Twins.Grains.Certificates.Grains;

/// <summary>Fleet provisioning by claim; see <see cref="IProvisioningGrain"/>. Holds no state of its own.</summary>
[GrainType("provisioning")]
internal sealed partial class ProvisioningGrain : Grain, IProvisioningGrain
{
    private readonly CertificateServices _services;
    private readonly ILogger<ProvisioningGrain> _logger;
    private ProvisioningRules? _rules;

    public ProvisioningGrain(CertificateServices services, ILogger<ProvisioningGrain> logger)
    {
        _services = services;
        _logger = logger;
    }

    public async Task<ProvisioningReply> CreateFromCsrAsync(string requestId, byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var csr = ProvisioningPayloads.ParseCreateFromCsr(payload, out var parseError);
        if (csr is null)
        {
            return Reject("create-from-csr", parseError!);
        }

        var authority = await _services.AuthorityAsync();
        var issued = await authority.IssueFromCsrAsync("claim:" + requestId, csr, thingName: null);
        if (issued.Certificate is not { } certificate)
        {
            return Reject("create-from-csr", new ProvisioningError(400, issued.Error!.WireCode, issued.Error.Message));
        }

        var tokens = await _services.TokensAsync();
        var token = tokens.Issue(certificate.CertificateId, _services.Time.GetUtcNow());
        var grain = GrainFactory.GetGrain<ICertificateGrain>(certificate.CertificateId);
        var registered = await grain.RegisterAsync(new CertificateRegistration(
            certificate.SerialNumber, certificate.CommonName, certificate.NotBefore, certificate.NotAfter, token.Hash, token.ExpiresAt, null));
        if (registered.OwnershipTokenExpiresAt is { } expiry && expiry != token.ExpiresAt)
        {
            // The same request again (a broker redelivery after the gateway crashed before its ack, or the
            // requester's retry): the CA's journal gave the same certificate, which was registered with the
            // first token; tokens are derived from the certificate and expiry, so this is that token again.
            token = tokens.IssueExpiringAt(certificate.CertificateId, expiry);
            LogRepeated(_logger, certificate.CertificateId, requestId);
            return new ProvisioningReply(true, ProvisioningPayloads.CreateFromCsrAccepted(token.Token, certificate.CertificateId, certificate.CertificatePem), null);
        }

        LogIssued(_logger, certificate.CertificateId, certificate.CommonName);
        return new ProvisioningReply(true, ProvisioningPayloads.CreateFromCsrAccepted(token.Token, certificate.CertificateId, certificate.CertificatePem), null);
    }

    public async Task<ProvisioningReply> ProvisionAsync(string templateName, byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var request = ProvisioningPayloads.ParseProvision(payload, out var parseError);
        if (request is null)
        {
            return Reject("provision", parseError!);
        }

        var rules = _rules ??= new ProvisioningRules(await _services.TokensAsync(), new GrainVinAllowList(GrainFactory), _services.Options.ProvisioningTemplates());
        var decision = await rules.DecideAsync(
            templateName,
            request,
            async id => (await GrainFactory.GetGrain<ICertificateGrain>(id).GetAsync())?.CommonName,
            _services.Time.GetUtcNow());
        if (!decision.IsAccepted)
        {
            return Reject("provision", decision.Error!);
        }

        var claimed = await GrainFactory.GetGrain<ICertificateGrain>(decision.CertificateId!).ClaimAsync(decision.TokenHash!, decision.ThingName!);
        if (!claimed.Succeeded)
        {
            return Reject("provision", new ProvisioningError(400, claimed.ErrorCode!, claimed.ErrorMessage!));
        }

        await GrainFactory.GetGrain<IVehicleCertificatesGrain>(decision.ThingName!).OnProvisionedAsync(decision.CertificateId!);
        LogProvisioned(_logger, decision.ThingName!, decision.CertificateId!, templateName);
        return new ProvisioningReply(true, ProvisioningPayloads.ProvisionAccepted(decision.ThingName!, rules.FindTemplate(templateName)!.DeviceConfiguration), null);
    }

    private ProvisioningReply Reject(string operation, ProvisioningError error)
    {
        LogRejected(_logger, operation, error.ErrorCode, error.ErrorMessage);
        return new ProvisioningReply(false, ProvisioningPayloads.Rejected(error), error.ErrorCode);
    }

    [LoggerMessage(EventId = 8131, Level = LogLevel.Information, Message = "Issued certificate {CertificateId} for {CommonName} (PENDING_ACTIVATION)")]
    private static partial void LogIssued(ILogger logger, string certificateId, string commonName);

    [LoggerMessage(EventId = 8134, Level = LogLevel.Information, Message = "Certificate {CertificateId} asked for again by request {RequestId}: answered as before")]
    private static partial void LogRepeated(ILogger logger, string certificateId, string requestId);

    [LoggerMessage(EventId = 8132, Level = LogLevel.Information, Message = "Provisioned {ThingName} with certificate {CertificateId} (template {Template})")]
    private static partial void LogProvisioned(ILogger logger, string thingName, string certificateId, string template);

    [LoggerMessage(EventId = 8133, Level = LogLevel.Warning, Message = "Provisioning {Operation} rejected: {ErrorCode}: {ErrorMessage}")]
    private static partial void LogRejected(ILogger logger, string operation, string errorCode, string errorMessage);
}
