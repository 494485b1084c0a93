using System.Security.Cryptography.X509Certificates;
using Twins.Silo.Cli;

namespace Twins.Silo.Tests.Cli;

public sealed class ClaimCertificateCommandTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("twins-claim-test-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task RunAsync_FreshDataDirectory_WritesAClaimCertificateOfTheSilosCaAndAnOwnerOnlyKey()
    {
        var output = Path.Combine(_data, "claim");

        var (exit, stdout, _) = await RunAsync("--data", _data, "--out", output, "--name", "factory-line-1");

        Assert.Equal(0, exit);
        var certificateFile = Path.Combine(output, ClaimCertificateCommand.CertificateFile);
        var keyFile = Path.Combine(output, ClaimCertificateCommand.KeyFile);
        Assert.Contains(certificateFile, stdout, StringComparison.Ordinal);
        using var claim = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
        Assert.True(claim.HasPrivateKey);
        Assert.Equal("factory-line-1", claim.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }

        // It chains to the root the silo's CA keeps (what the broker trusts on its mutual-TLS listener).
        using var root = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(_data, "ca", "root.crt.pem")));
        using var issuing = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(_data, "ca", "issuing.crt.pem")));
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.ExtraStore.Add(issuing);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(claim), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
    }

    [Fact]
    public async Task RunAsync_SameNameAgain_HandsOutTheSameCertificateAndKey()
    {
        var first = Path.Combine(_data, "first");
        var second = Path.Combine(_data, "second");
        Assert.Equal(0, (await RunAsync("--data", _data, "--out", first)).Exit);

        Assert.Equal(0, (await RunAsync("--data", _data, "--out", second)).Exit);

        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(first, ClaimCertificateCommand.CertificateFile)), await File.ReadAllTextAsync(Path.Combine(second, ClaimCertificateCommand.CertificateFile)));
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(first, ClaimCertificateCommand.KeyFile)), await File.ReadAllTextAsync(Path.Combine(second, ClaimCertificateCommand.KeyFile)));
    }

    [Fact]
    public async Task RunAsync_WhileASiloHoldsTheCaJournal_RefusesAndWritesNothing()
    {
        Assert.Equal(0, (await RunAsync("--data", _data, "--out", Path.Combine(_data, "first"))).Exit);
        var journal = Path.Combine(_data, "ca", "issued.jsonl");
        var before = await File.ReadAllTextAsync(journal);
        var output = Path.Combine(_data, "second");

        int exit;
        string stderr;
        using (new FileStream(journal, FileMode.Open, FileAccess.ReadWrite, FileShare.Read))
        {
            (exit, _, stderr) = await RunAsync("--data", _data, "--out", output, "--name", "another-claim");
        }

        Assert.Equal(1, exit);
        Assert.Contains("running silo", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
        Assert.Equal(before, await File.ReadAllTextAsync(journal));
    }

    [Fact]
    public async Task RunAsync_WithoutOut_PrintsUsageAndExits2()
    {
        var (exit, _, stderr) = await RunAsync("--data", _data);

        Assert.Equal(2, exit);
        Assert.StartsWith("usage: claim --out DIR", stderr, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await ClaimCertificateCommand.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
