using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Twins.Grains.Certificates;
using Twins.Testing;

namespace Twins.Grains.Tests.Certificates;

public sealed class InProcessCertificateAuthorityTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "twins-ca-" + Guid.NewGuid().ToString("N"));
    private readonly ManualTimeProvider _time = new();
    private InProcessCertificateAuthority _ca = null!;

    private CertificateAuthorityOptions Options => new() { DataDirectory = Path.Combine(_directory, "ca") };

    public async Task InitializeAsync() => _ca = await InProcessCertificateAuthority.OpenAsync(Options, _time);

    public Task DisposeAsync()
    {
        _ca.Dispose();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    internal static string Csr(AsymmetricAlgorithm key, string subject = "CN=Vehicle_WVW1")
    {
        var request = key switch
        {
            ECDsa ecdsa => new CertificateRequest(subject, ecdsa, HashAlgorithmName.SHA256),
            RSA rsa => new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            _ => throw new ArgumentException("unsupported key", nameof(key)),
        };
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        return request.CreateSigningRequestPem();
    }

    private async Task<IssuedCertificate> IssueAsync(string thing = "Vehicle_WVW1", string? requestId = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var result = await _ca.IssueFromCsrAsync(requestId ?? Guid.NewGuid().ToString(), Csr(key, "CN=" + thing), thing);
        Assert.True(result.Succeeded, result.Error?.Message);
        return result.Certificate!;
    }

    private X509Chain Chain()
    {
        var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_ca.RootCertificate);
        chain.ChainPolicy.ExtraStore.Add(_ca.IssuingCertificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = _time.GetUtcNow().UtcDateTime;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.2"));
        return chain;
    }

    [Fact]
    public void OpenAsync_FirstStart_CreatesRootAndIssuingCaWithOwnerOnlyKeys()
    {
        var ca = Options.DataDirectory;

        Assert.Equal(OwnerOnlyMode(Directory: true), ModeOf(ca));
        foreach (var name in new[] { "root.key.pem", "issuing.key.pem", "root.crt.pem", "issuing.crt.pem", "crl.pem" })
        {
            Assert.Equal(OwnerOnlyMode(Directory: false), ModeOf(Path.Combine(ca, name)));
        }

        Assert.Equal(_ca.RootCertificate.SubjectName.Name, _ca.RootCertificate.IssuerName.Name);
        Assert.True(_ca.RootCertificate.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.Equal(_ca.RootCertificate.SubjectName.Name, _ca.IssuingCertificate.IssuerName.Name);
        var issuingConstraints = _ca.IssuingCertificate.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.True(issuingConstraints.CertificateAuthority);
        Assert.Equal(0, issuingConstraints.PathLengthConstraint);
        Assert.False(_ca.IssuingCertificate.HasPrivateKey);
    }

    [Fact]
    public async Task OpenAsync_SecondStart_LoadsTheSameCaWithoutTheRootKey()
    {
        var root = _ca.RootCertificate.Thumbprint;
        File.Delete(Path.Combine(Options.DataDirectory, "root.key.pem"));

        using var reopened = await InProcessCertificateAuthority.OpenAsync(Options, _time);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var issued = await reopened.IssueFromCsrAsync("r1", Csr(key), "Vehicle_WVW1");

        Assert.Equal(root, reopened.RootCertificate.Thumbprint);
        Assert.Equal(_ca.IssuingCertificate.Thumbprint, reopened.IssuingCertificate.Thumbprint);
        Assert.True(issued.Succeeded);
    }

    [Fact]
    public async Task IssueFromCsrAsync_EcdsaP256_ChainsToTheRootWithX509Chain()
    {
        var issued = await IssueAsync();
        using var certificate = X509Certificate2.CreateFromPem(issued.CertificatePem);
        using var chain = Chain();

        Assert.True(chain.Build(certificate), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.Equal(3, chain.ChainElements.Count);
        Assert.Equal(_ca.RootCertificate.Thumbprint, chain.ChainElements[2].Certificate.Thumbprint);
    }

    [Fact]
    public async Task IssueFromCsrAsync_ForcesSubjectClientAuthAndConfiguredValidity()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var result = await _ca.IssueFromCsrAsync("r1", Csr(key, "CN=Vehicle_WVW1, O=Someone Else, C=DE"), "Vehicle_WVW1");
        using var certificate = X509Certificate2.CreateFromPem(result.Certificate!.CertificatePem);

        Assert.Equal("CN=Vehicle_WVW1", certificate.Subject);
        Assert.Equal("Vehicle_WVW1", result.Certificate.CommonName);
        var eku = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single();
        Assert.Equal(["1.3.6.1.5.5.7.3.2"], eku.EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value));
        Assert.False(certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature, certificate.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
        Assert.Equal(_time.GetUtcNow().AddDays(365), new DateTimeOffset(certificate.NotAfter.ToUniversalTime()));
        Assert.Equal(result.Certificate.NotAfter, new DateTimeOffset(certificate.NotAfter.ToUniversalTime()));
        Assert.Equal(CertificateIds.Of(certificate), result.Certificate.CertificateId);
        Assert.True(CertificateIds.IsValid(result.Certificate.CertificateId));
        Assert.Equal(certificate.SerialNumber, result.Certificate.SerialNumber);
        Assert.Null(result.Certificate.PrivateKeyPem);
    }

    [Fact]
    public async Task IssueFromCsrAsync_ConfiguredValidity_IsUsed()
    {
        using var ca = await InProcessCertificateAuthority.OpenAsync(Options with { OperationalValidity = TimeSpan.FromDays(30) }, _time);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var issued = await ca.IssueFromCsrAsync("r1", Csr(key), "Vehicle_WVW1");

        Assert.Equal(_time.GetUtcNow().AddDays(30), issued.Certificate!.NotAfter);
    }

    [Fact]
    public async Task IssueFromCsrAsync_Rsa2048_IsAcceptedWithKeyEncipherment()
    {
        using var key = RSA.Create(2048);

        var result = await _ca.IssueFromCsrAsync("r1", Csr(key), "Vehicle_WVW1");

        Assert.True(result.Succeeded, result.Error?.Message);
        using var certificate = X509Certificate2.CreateFromPem(result.Certificate!.CertificatePem);
        using var chain = Chain();
        Assert.True(chain.Build(certificate));
        Assert.Equal(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, certificate.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
    }

    [Fact]
    public async Task IssueFromCsrAsync_Rsa1024_IsWeakKey()
    {
        using var key = RSA.Create(1024);

        var result = await _ca.IssueFromCsrAsync("r1", Csr(key), "Vehicle_WVW1");

        Assert.Equal(CertificateErrorCode.WeakKey, result.Error!.Code);
        Assert.Equal("WeakKey", result.Error.WireCode);
        Assert.Contains("1024", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssueFromCsrAsync_OtherCurve_IsWeakKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.brainpoolP256r1);

        Assert.Equal(CertificateErrorCode.WeakKey, (await _ca.IssueFromCsrAsync("r1", Csr(key), "Vehicle_WVW1")).Error!.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----")]
    [InlineData("-----BEGIN CERTIFICATE REQUEST-----\n!!!!\n-----END CERTIFICATE REQUEST-----")]
    public async Task IssueFromCsrAsync_MalformedPem_IsInvalidCsr(string pem)
    {
        var result = await _ca.IssueFromCsrAsync("r1", pem, "Vehicle_WVW1");

        Assert.Equal(CertificateErrorCode.MalformedCsr, result.Error!.Code);
        Assert.Equal("InvalidCsr", result.Error.WireCode);
    }

    [Fact]
    public async Task IssueFromCsrAsync_SignatureByAnotherKey_IsInvalidSignature()
    {
        using var claimed = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName("CN=Vehicle_WVW1"), new PublicKey(claimed), HashAlgorithmName.SHA256);
        var forged = request.CreateSigningRequestPem(X509SignatureGenerator.CreateForECDsa(signer));

        var result = await _ca.IssueFromCsrAsync("r1", forged, "Vehicle_WVW1");

        Assert.Equal(CertificateErrorCode.InvalidCsrSignature, result.Error!.Code);
    }

    [Fact]
    public async Task IssueFromCsrAsync_CsrForAnotherVehicle_IsSubjectMismatch()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var result = await _ca.IssueFromCsrAsync("r1", Csr(key, "CN=Vehicle_OTHER"), "Vehicle_WVW1");

        Assert.Equal(CertificateErrorCode.CsrSubjectMismatch, result.Error!.Code);
        Assert.Contains("Vehicle_OTHER", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssueFromCsrAsync_CsrWithoutCommonName_GetsTheThingName()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var result = await _ca.IssueFromCsrAsync("r1", Csr(key, "O=Acme"), "Vehicle_WVW1");

        Assert.Equal("Vehicle_WVW1", result.Certificate!.CommonName);
    }

    [Theory]
    [InlineData("O=Acme")]
    [InlineData("CN=not a thing name")]
    public async Task IssueFromCsrAsync_NoThingNameAnywhere_IsInvalidThingName(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        Assert.Equal(CertificateErrorCode.InvalidThingName, (await _ca.IssueFromCsrAsync("r1", Csr(key, subject), null)).Error!.Code);
    }

    [Fact]
    public async Task IssueFromCsrAsync_CreateFromCsrWithoutThingName_UsesTheCsrCommonName()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        Assert.Equal("Vehicle_ABC123", (await _ca.IssueFromCsrAsync("r1", Csr(key, "CN=Vehicle_ABC123"), null)).Certificate!.CommonName);
    }

    [Fact]
    public async Task IssueFromCsrAsync_SameRequestId_ReturnsTheSameCertificateEvenAfterRestart()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = Csr(key);

        var first = await _ca.IssueFromCsrAsync("rotation-7", csr, "Vehicle_WVW1");
        var again = await _ca.IssueFromCsrAsync("rotation-7", csr, "Vehicle_WVW1");
        using var reopened = await InProcessCertificateAuthority.OpenAsync(Options, _time);
        var afterRestart = await reopened.IssueFromCsrAsync("rotation-7", csr, "Vehicle_WVW1");

        Assert.Equal(first.Certificate!.CertificateId, again.Certificate!.CertificateId);
        Assert.Equal(first.Certificate.CertificateId, afterRestart.Certificate!.CertificateId);
        var journal = Path.Combine(Options.DataDirectory, "issued.jsonl");
        Assert.Single(await File.ReadAllLinesAsync(journal));
        Assert.Equal(OwnerOnlyMode(Directory: false), ModeOf(journal));
    }

    [Fact]
    public async Task OpenAsync_TornLastJournalLine_IsSkippedAndTheRestKept()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var first = await _ca.IssueFromCsrAsync("kept", Csr(key), "Vehicle_WVW1");
        _ca.Dispose();
        await File.AppendAllTextAsync(Path.Combine(Options.DataDirectory, "issued.jsonl"), "{\"RequestId\":\"torn");

        _ca = await InProcessCertificateAuthority.OpenAsync(Options, _time);
        var after = await _ca.IssueFromCsrAsync("after", Csr(key), "Vehicle_WVW1");
        _ca.Dispose();
        _ca = await InProcessCertificateAuthority.OpenAsync(Options, _time);

        Assert.Equal(first.Certificate!.CertificateId, (await _ca.IssueFromCsrAsync("kept", Csr(key), "Vehicle_WVW1")).Certificate!.CertificateId);
        Assert.Equal(after.Certificate!.CertificateId, (await _ca.IssueFromCsrAsync("after", Csr(key), "Vehicle_WVW1")).Certificate!.CertificateId);
    }

    [Fact]
    public async Task IssueFromCsrAsync_SameRequestIdDifferentCsr_IsRefused()
    {
        using var key1 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var key2 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await _ca.IssueFromCsrAsync("r1", Csr(key1), "Vehicle_WVW1");

        Assert.Equal(CertificateErrorCode.RequestIdConflict, (await _ca.IssueFromCsrAsync("r1", Csr(key2), "Vehicle_WVW1")).Error!.Code);
    }

    [Fact]
    public async Task IssueFromCsrAsync_ConcurrentRequests_AllGetDistinctValidCertificates()
    {
        var issued = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(() => IssueAsync($"Vehicle_{i}"))));

        Assert.Equal(32, issued.Select(c => c.SerialNumber).Distinct().Count());
        using var chain = Chain();
        foreach (var certificate in issued)
        {
            using var x509 = X509Certificate2.CreateFromPem(certificate.CertificatePem);
            Assert.True(chain.Build(x509));
            chain.Reset();
        }
    }

    [Fact]
    public async Task IssueClaimCertificateAsync_ReturnsAKeyAndAChainingCertificate()
    {
        var result = await _ca.IssueClaimCertificateAsync("claim-1", "claim_factory_1");
        var again = await _ca.IssueClaimCertificateAsync("claim-1", "claim_factory_1");

        using var certificate = X509Certificate2.CreateFromPem(result.Certificate!.CertificatePem, result.Certificate.PrivateKeyPem);
        using var chain = Chain();
        Assert.True(certificate.HasPrivateKey);
        Assert.True(chain.Build(certificate));
        Assert.Equal("CN=claim_factory_1", certificate.Subject);
        Assert.Equal(result.Certificate.CertificateId, again.Certificate!.CertificateId);
        Assert.Equal(result.Certificate.PrivateKeyPem, again.Certificate.PrivateKeyPem);
    }

    [Fact]
    public async Task PublishCrlAsync_ListsExactlyTheRevokedSerials()
    {
        var certificates = new List<IssuedCertificate>();
        for (var i = 0; i < 4; i++)
        {
            certificates.Add(await IssueAsync($"Vehicle_{i}"));
        }

        var revoked = new[] { certificates[1], certificates[3] }
            .Select(c => new RevokedCertificateEntry(c.SerialNumber, _time.GetUtcNow(), X509RevocationReason.Superseded))
            .ToArray();

        var crl = await _ca.PublishCrlAsync(revoked);

        Assert.Equal(revoked.Select(r => r.SerialNumber).Order(), SerialsIn(crl.Pem).Order());
        Assert.Equal(crl.Pem, await File.ReadAllTextAsync(_ca.CrlFile));
        Assert.Equal(_time.GetUtcNow().AddDays(7), crl.NextUpdate);
    }

    [Fact]
    public async Task PublishCrlAsync_NumberIncreasesAndEmptyListIsEmpty()
    {
        var first = await _ca.PublishCrlAsync([]);
        var second = await _ca.PublishCrlAsync([]);

        Assert.Equal(first.Number + 1, second.Number);
        Assert.Empty(SerialsIn(second.Pem));
    }

    [Fact]
    public async Task OpenSsl_VerifiesTheChainOfAnIssuedCertificate()
    {
        var issued = await IssueAsync();
        var files = await WriteFilesAsync(("leaf.pem", issued.CertificatePem));

        var (exitCode, output) = await OpenSsl.RunAsync("verify", "-attime", AtTime(), "-purpose", "sslclient",
            "-CAfile", files["root.pem"], "-untrusted", files["issuing.pem"], files["leaf.pem"]);

        Assert.True(exitCode == 0, output);
        Assert.Contains(": OK", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenSsl_RefusesARevokedCertificateAndAcceptsTheOthersWithTheCrl()
    {
        var good = await IssueAsync("Vehicle_GOOD");
        var bad = await IssueAsync("Vehicle_BAD");
        var crl = await _ca.PublishCrlAsync([new RevokedCertificateEntry(bad.SerialNumber, _time.GetUtcNow(), X509RevocationReason.KeyCompromise)]);
        var files = await WriteFilesAsync(("good.pem", good.CertificatePem), ("bad.pem", bad.CertificatePem), ("crl.pem", crl.Pem));

        var goodResult = await OpenSsl.RunAsync("verify", "-attime", AtTime(), "-crl_check", "-CAfile", files["chain.pem"], "-CRLfile", files["crl.pem"], files["good.pem"]);
        var badResult = await OpenSsl.RunAsync("verify", "-attime", AtTime(), "-crl_check", "-CAfile", files["chain.pem"], "-CRLfile", files["crl.pem"], files["bad.pem"]);
        var crlCheck = await OpenSsl.RunAsync("crl", "-in", files["crl.pem"], "-CAfile", files["chain.pem"], "-noout");
        var crlText = await OpenSsl.RunAsync("crl", "-in", files["crl.pem"], "-noout", "-text");

        Assert.True(goodResult.ExitCode == 0, goodResult.Output);
        Assert.NotEqual(0, badResult.ExitCode);
        Assert.Contains("certificate revoked", badResult.Output, StringComparison.Ordinal);
        Assert.Contains("verify OK", crlCheck.Output, StringComparison.Ordinal);
        Assert.Contains($"Serial Number: {bad.SerialNumber}", crlText.Output, StringComparison.Ordinal);
        Assert.DoesNotContain($"Serial Number: {good.SerialNumber}", crlText.Output, StringComparison.Ordinal);
    }

    private string AtTime() => _time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<Dictionary<string, string>> WriteFilesAsync(params (string Name, string Content)[] extra)
    {
        var directory = Path.Combine(_directory, "openssl-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var files = new Dictionary<string, string>();
        foreach (var (name, content) in extra.Append(("root.pem", _ca.RootCertificate.ExportCertificatePem())).Append(("issuing.pem", _ca.IssuingCertificate.ExportCertificatePem())).Append(("chain.pem", _ca.CertificateChainPem)))
        {
            files[name] = Path.Combine(directory, name);
            await File.WriteAllTextAsync(files[name], content);
        }

        return files;
    }

    private static UnixFileMode ModeOf(string path) =>
        OperatingSystem.IsWindows() ? throw new PlatformNotSupportedException("POSIX permissions") : File.GetUnixFileMode(path);

    private static UnixFileMode OwnerOnlyMode(bool Directory) => Directory
        ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        : UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Reads the revoked serials from a CRL's DER (RFC 5280 TBSCertList) independently of .NET's builder.</summary>
    private static List<string> SerialsIn(string pem)
    {
        var fields = PemEncoding.Find(pem);
        var der = Convert.FromBase64String(pem[fields.Base64Data]);
        var certList = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        var tbs = certList.ReadSequence();
        if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
        {
            tbs.ReadInteger();
        }

        tbs.ReadSequence();
        tbs.ReadSequence();
        tbs.ReadEncodedValue();
        var serials = new List<string>();
        if (tbs.HasData && !tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            tbs.ReadEncodedValue();
        }

        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            var entries = tbs.ReadSequence();
            while (entries.HasData)
            {
                var entry = entries.ReadSequence();
                var serial = entry.ReadIntegerBytes().ToArray();
                serials.Add(Convert.ToHexString(serial));
            }
        }

        return serials;
    }
}
