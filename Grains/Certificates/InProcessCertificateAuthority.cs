using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Twins.Grains.Routing;

namespace Twins.Grains.Certificates;

/// <summary>
/// A certificate authority in process on .NET's X509 APIs. On first start it creates a root CA
/// (ECDSA P-384) whose key signs only the issuing CA (ECDSA P-256) and then stays in its file; the
/// issuing CA signs vehicle and claim certificates and the CRL. Keys and journal live under
/// <see cref="CertificateAuthorityOptions.DataDirectory"/> with owner-only permissions.
/// <code>
/// {DataDirectory}/root.crt.pem  root.key.pem  issuing.crt.pem  issuing.key.pem  chain.pem
///                 crl.pem  crl.number  issued.jsonl (the idempotency journal)
/// </code>
/// Thread-safe: CSR checks run in parallel, signing with the issuing key is serialized.
/// </summary>
public sealed class InProcessCertificateAuthority : ICertificateAuthority, IDisposable
{
    private static readonly Oid s_clientAuthentication = new("1.3.6.1.5.5.7.3.2", "Client Authentication");

    // DER of the named-curve OIDs 1.2.840.10045.3.1.7 (P-256) and 1.3.132.0.34 (P-384).
    private static readonly byte[] s_p256 = [0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07];
    private static readonly byte[] s_p384 = [0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x22];

    private readonly CertificateAuthorityOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly X509Certificate2 _issuing;
    private readonly ECDsa _issuingKey;
    private readonly X509SignatureGenerator _signer;
    private readonly X509AuthorityKeyIdentifierExtension _authorityKeyIdentifier;
    private readonly Lock _signing = new();
    private readonly SemaphoreSlim _crlGate = new(1, 1);
    private readonly IssueJournal _journal;

    private InProcessCertificateAuthority(CertificateAuthorityOptions options, TimeProvider timeProvider, X509Certificate2 root, X509Certificate2 issuing, ECDsa issuingKey, IssueJournal journal)
    {
        _journal = journal;
        _options = options;
        _timeProvider = timeProvider;
        RootCertificate = root;
        _issuing = issuing;
        _issuingKey = issuingKey;
        IssuingCertificate = X509CertificateLoader.LoadCertificate(issuing.RawData);
        _signer = X509SignatureGenerator.CreateForECDsa(issuingKey);
        _authorityKeyIdentifier = X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuing, includeKeyIdentifier: true, includeIssuerAndSerial: false);
        CertificateChainPem = IssuingCertificate.ExportCertificatePem() + "\n" + RootCertificate.ExportCertificatePem() + "\n";
    }

    /// <inheritdoc/>
    public X509Certificate2 RootCertificate { get; }

    /// <inheritdoc/>
    public X509Certificate2 IssuingCertificate { get; }

    /// <inheritdoc/>
    public string CertificateChainPem { get; }

    /// <summary>The file the CRL is written to (the broker's <c>crlfile</c>).</summary>
    public string CrlFile => Path.Combine(_options.DataDirectory, "crl.pem");

    /// <summary>The file holding the issuing CA and root in PEM (the broker's <c>cafile</c> for client certificates).</summary>
    public string ChainFile => Path.Combine(_options.DataDirectory, "chain.pem");

    /// <summary>Loads the authority from its data directory, creating the root and issuing CA (and an empty CRL) on first start.</summary>
    public static async Task<InProcessCertificateAuthority> OpenAsync(CertificateAuthorityOptions options, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        var directory = options.DataDirectory;
        OwnerOnlyFiles.CreateDirectory(directory);
        var now = timeProvider.GetUtcNow();

        var rootCertFile = Path.Combine(directory, "root.crt.pem");
        var issuingCertFile = Path.Combine(directory, "issuing.crt.pem");
        var issuingKeyFile = Path.Combine(directory, "issuing.key.pem");

        X509Certificate2 root;
        if (File.Exists(rootCertFile))
        {
            root = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(rootCertFile, cancellationToken));
        }
        else
        {
            using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);
            var request = new CertificateRequest(options.RootSubject, rootKey, HashAlgorithmName.SHA384);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 1, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            using var rootWithKey = request.CreateSelfSigned(now - options.ClockSkewAllowance, now + options.RootCaValidity);
            await OwnerOnlyFiles.WriteAsync(Path.Combine(directory, "root.key.pem"), rootKey.ExportPkcs8PrivateKeyPem(), cancellationToken);
            await OwnerOnlyFiles.WriteAsync(rootCertFile, rootWithKey.ExportCertificatePem(), cancellationToken);
            root = X509CertificateLoader.LoadCertificate(rootWithKey.RawData);

            // The root key signs the issuing CA once, here, and is not kept in memory afterwards.
            using var issuingKeyNew = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var issuingRequest = new CertificateRequest(options.IssuingSubject, issuingKeyNew, HashAlgorithmName.SHA256);
            issuingRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
            issuingRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
            issuingRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(issuingRequest.PublicKey, false));
            issuingRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(rootWithKey, true, false));
            using var issuingNew = issuingRequest.Create(rootWithKey, now - options.ClockSkewAllowance, Min(now + options.IssuingCaValidity, rootWithKey.NotAfter), NewSerialNumber());
            await OwnerOnlyFiles.WriteAsync(issuingKeyFile, issuingKeyNew.ExportPkcs8PrivateKeyPem(), cancellationToken);
            await OwnerOnlyFiles.WriteAsync(issuingCertFile, issuingNew.ExportCertificatePem(), cancellationToken);
        }

        var issuingKey = ECDsa.Create();
        issuingKey.ImportFromPem(await File.ReadAllTextAsync(issuingKeyFile, cancellationToken));
        var issuingPublic = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(issuingCertFile, cancellationToken));
        var issuing = issuingPublic.CopyWithPrivateKey(issuingKey);
        issuingPublic.Dispose();

        var journal = IssueJournal.Open(Path.Combine(directory, "issued.jsonl"));
        var authority = new InProcessCertificateAuthority(options, timeProvider, root, issuing, issuingKey, journal);
        await OwnerOnlyFiles.WriteAsync(authority.ChainFile, authority.CertificateChainPem, cancellationToken);
        if (!File.Exists(authority.CrlFile))
        {
            await authority.PublishCrlAsync([], cancellationToken);
        }

        return authority;
    }

    /// <inheritdoc/>
    public Task<CertificateIssueResult> IssueFromCsrAsync(string requestId, string csrPem, string? thingName, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(IssueFromCsr(requestId, csrPem, thingName));
    }

    /// <inheritdoc/>
    public Task<CertificateIssueResult> IssueClaimCertificateAsync(string requestId, string claimName, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(IssueClaimCertificate(requestId, claimName));
    }

    private CertificateIssueResult IssueFromCsr(string requestId, string csrPem, string? thingName)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        if (string.IsNullOrWhiteSpace(csrPem))
        {
            return CertificateIssueResult.Fail(CertificateErrorCode.MalformedCsr, "The certificate signing request is empty.");
        }

        CertificateRequest parsed;
        try
        {
            parsed = CertificateRequest.LoadSigningRequestPem(csrPem, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.Default);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            // Tell a well-formed request with a bad signature apart from one that is not a request at all.
            try
            {
                CertificateRequest.LoadSigningRequestPem(csrPem, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.SkipSignatureValidation);
            }
            catch (Exception inner) when (inner is CryptographicException or ArgumentException)
            {
                return CertificateIssueResult.Fail(CertificateErrorCode.MalformedCsr, "The certificate signing request is not a PEM-encoded PKCS#10 request.");
            }

            return CertificateIssueResult.Fail(CertificateErrorCode.InvalidCsrSignature, "The certificate signing request's signature does not verify with its public key.");
        }

        if (CheckKey(parsed.PublicKey) is { } weak)
        {
            return CertificateIssueResult.Fail(CertificateErrorCode.WeakKey, weak);
        }

        if (!TryGetCommonName(parsed.SubjectName, out var requestedName))
        {
            return CertificateIssueResult.Fail(CertificateErrorCode.CsrSubjectMismatch, "The CSR's subject has more than one common name.");
        }

        string name;
        if (thingName is null)
        {
            if (requestedName is null || !TopicNames.IsValidThingName(requestedName))
            {
                return CertificateIssueResult.Fail(CertificateErrorCode.InvalidThingName, "The CSR's common name must be the vehicle's thing name.");
            }

            name = requestedName;
        }
        else
        {
            if (!TopicNames.IsValidThingName(thingName))
            {
                return CertificateIssueResult.Fail(CertificateErrorCode.InvalidThingName, $"'{thingName}' is not a valid thing name.");
            }

            if (requestedName is not null && !string.Equals(requestedName, thingName, StringComparison.Ordinal))
            {
                return CertificateIssueResult.Fail(CertificateErrorCode.CsrSubjectMismatch, $"The CSR asks for '{requestedName}' but this vehicle is '{thingName}'.");
            }

            name = thingName;
        }

        var fingerprint = Fingerprint(parsed.PublicKey.ExportSubjectPublicKeyInfo(), name);
        if (Previous(requestId, fingerprint) is { } previous)
        {
            return previous;
        }

        var padding = parsed.PublicKey.Oid.Value == "1.2.840.113549.1.1.1" ? RSASignaturePadding.Pkcs1 : null;
        var request = new CertificateRequest(new X500DistinguishedName("CN=" + name), parsed.PublicKey, HashAlgorithmName.SHA256, padding);
        var keyUsage = padding is null ? X509KeyUsageFlags.DigitalSignature : X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment;
        var issued = Sign(request, keyUsage, _options.OperationalValidity, name, privateKeyPem: null);
        return new CertificateIssueResult(_journal.Record(new IssueJournalEntry(requestId, fingerprint, issued)).Certificate, null);
    }

    private CertificateIssueResult IssueClaimCertificate(string requestId, string claimName)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        if (!TopicNames.IsValidThingName(claimName))
        {
            return CertificateIssueResult.Fail(CertificateErrorCode.InvalidThingName, $"'{claimName}' is not a valid claim name.");
        }

        var fingerprint = Fingerprint([], "claim:" + claimName);
        if (Previous(requestId, fingerprint) is { } previous)
        {
            return previous;
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + claimName, key, HashAlgorithmName.SHA256);
        var issued = Sign(request, X509KeyUsageFlags.DigitalSignature, _options.ClaimValidity, claimName, key.ExportPkcs8PrivateKeyPem());
        return new CertificateIssueResult(_journal.Record(new IssueJournalEntry(requestId, fingerprint, issued)).Certificate, null);
    }

    /// <inheritdoc/>
    public async Task<PublishedCrl> PublishCrlAsync(IReadOnlyCollection<RevokedCertificateEntry> revoked, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(revoked);
        await _crlGate.WaitAsync(cancellationToken);
        try
        {
            var numberFile = Path.Combine(_options.DataDirectory, "crl.number");
            var number = File.Exists(numberFile)
                ? BigInteger.Parse(await File.ReadAllTextAsync(numberFile, cancellationToken), CultureInfo.InvariantCulture) + 1
                : BigInteger.One;
            var builder = new CertificateRevocationListBuilder();
            foreach (var entry in revoked)
            {
                builder.AddEntry(Convert.FromHexString(entry.SerialNumber), entry.RevokedAt, entry.Reason);
            }

            var now = _timeProvider.GetUtcNow();
            var nextUpdate = now + _options.CrlValidity;
            byte[] der;
            lock (_signing)
            {
                // thisUpdate backdated like notBefore: a broker whose clock is a little behind would otherwise
                // find the CRL "not yet valid" and refuse every TLS handshake until its clock catches up.
                der = builder.Build(_issuing, number, nextUpdate, HashAlgorithmName.SHA256, null, now - _options.ClockSkewAllowance);
            }

            var pem = new string(PemEncoding.Write("X509 CRL", der)) + "\n";
            await OwnerOnlyFiles.WriteAsync(numberFile, number.ToString(CultureInfo.InvariantCulture), cancellationToken);
            await OwnerOnlyFiles.WriteAsync(CrlFile, pem, cancellationToken);
            return new PublishedCrl(number, now, nextUpdate, pem, CrlFile);
        }
        finally
        {
            _crlGate.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _issuing.Dispose();
        _issuingKey.Dispose();
        _journal.Dispose();
        IssuingCertificate.Dispose();
        RootCertificate.Dispose();
        _crlGate.Dispose();
    }

    private IssuedCertificate Sign(CertificateRequest request, X509KeyUsageFlags keyUsage, TimeSpan validity, string commonName, string? privateKeyPem)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(keyUsage, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([s_clientAuthentication], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(_authorityKeyIdentifier);
        var now = _timeProvider.GetUtcNow();
        var notBefore = TruncateToSeconds(now - _options.ClockSkewAllowance);
        var notAfter = TruncateToSeconds(Min(now + validity, _issuing.NotAfter));
        var serial = NewSerialNumber();
        X509Certificate2 certificate;
        lock (_signing)
        {
            certificate = request.Create(_issuing.SubjectName, _signer, notBefore, notAfter, serial);
        }

        using (certificate)
        {
            return new IssuedCertificate(
                Convert.ToHexStringLower(SHA256.HashData(certificate.RawDataMemory.Span)),
                Convert.ToHexString(serial),
                commonName,
                certificate.ExportCertificatePem(),
                notBefore,
                notAfter,
                privateKeyPem);
        }
    }

    private CertificateIssueResult? Previous(string requestId, string fingerprint)
    {
        if (_journal.Find(requestId) is not { } previous)
        {
            return null;
        }

        return string.Equals(previous.RequestFingerprint, fingerprint, StringComparison.Ordinal)
            ? new CertificateIssueResult(previous.Certificate, null)
            : CertificateIssueResult.Fail(CertificateErrorCode.RequestIdConflict, $"Request id '{requestId}' was already used for a different request.");
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value) => new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private string? CheckKey(PublicKey publicKey)
    {
        if (publicKey.Oid.Value == "1.2.840.10045.2.1")
        {
            // id-ecPublicKey: the parameters are the named curve's OID (reading them avoids building a key object).
            var parameters = publicKey.EncodedParameters?.RawData ?? [];
            return parameters.AsSpan().SequenceEqual(s_p256) || parameters.AsSpan().SequenceEqual(s_p384)
                ? null
                : "ECDSA keys must be on P-256 or P-384.";
        }

        using var rsa = publicKey.GetRSAPublicKey();
        if (rsa is not null)
        {
            return rsa.KeySize >= _options.MinimumRsaKeySize ? null : $"RSA keys must have at least {_options.MinimumRsaKeySize} bits, not {rsa.KeySize}.";
        }

        return $"Key algorithm {publicKey.Oid.FriendlyName ?? publicKey.Oid.Value} is not accepted; use ECDSA P-256 or RSA 2048+.";
    }

    private static bool TryGetCommonName(X500DistinguishedName subject, out string? commonName)
    {
        commonName = null;
        foreach (var rdn in subject.EnumerateRelativeDistinguishedNames())
        {
            if (rdn.HasMultipleElements || rdn.GetSingleElementType().Value != "2.5.4.3")
            {
                continue;
            }

            if (commonName is not null)
            {
                return false;
            }

            commonName = rdn.GetSingleElementValue();
        }

        return true;
    }

    private static string Fingerprint(ReadOnlySpan<byte> publicKey, string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var data = new byte[publicKey.Length + 1 + nameBytes.Length];
        publicKey.CopyTo(data);
        nameBytes.CopyTo(data.AsSpan(publicKey.Length + 1));
        return Convert.ToHexStringLower(SHA256.HashData(data));
    }

    private static byte[] NewSerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x40);
        return serial;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
