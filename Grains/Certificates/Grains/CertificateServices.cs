using Microsoft.Extensions.Options;
using Twins.Grains.Interfaces.Certificates;
using Twins.Grains.Provisioning;
using Twins.Grains.Rotation;

namespace Twins.Grains.Certificates.Grains;

/// <summary>The singletons the certificate grains share: the CA, the ownership tokens, the options, the broker takeover port.</summary>
internal sealed class CertificateServices : IDisposable
{
    private readonly Lazy<Task<InProcessCertificateAuthority>> _authority;
    private readonly Lazy<Task<OwnershipTokenService>> _tokens;

    public CertificateServices(IOptions<CertificateGrainOptions> options, CertificateDataDirectory directory, TimeProvider time, IBrokerSessionTakeover takeover)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(directory);
        Options = options.Value;
        Time = time;
        Takeover = takeover;
        var authorityOptions = new CertificateAuthorityOptions { DataDirectory = directory.Path, OperationalValidity = Options.OperationalValidity };
        _authority = new(() => InProcessCertificateAuthority.OpenAsync(authorityOptions, time));
        Rotation = new RotationEngine(Options.Rotation);
        Findings = new SecurityFindingDetector(Options.DuplicateClientIdStormThreshold, Options.DuplicateClientIdStormWindow);
        _tokens = new(() => OwnershipTokenService.LoadOrCreateAsync(System.IO.Path.Combine(directory.Path, "ownership-token.key")));
    }

    public CertificateGrainOptions Options { get; }

    public TimeProvider Time { get; }

    public RotationEngine Rotation { get; }

    public IBrokerSessionTakeover Takeover { get; }

    public SecurityFindingDetector Findings { get; }

    public async Task<InProcessCertificateAuthority> AuthorityAsync() => await _authority.Value.ConfigureAwait(false);

    public async Task<OwnershipTokenService> TokensAsync() => await _tokens.Value.ConfigureAwait(false);

    public void Dispose()
    {
        if (_authority.IsValueCreated && _authority.Value.IsCompletedSuccessfully)
        {
            _authority.Value.Result.Dispose();
        }
    }
}
