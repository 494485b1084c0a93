using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Twins.Grains.Certificates;

namespace Twins.Bench;

/// <summary>
/// Operational certificates issued per second by the in-process CA from ECDSA P-256 CSRs (parse,
/// signature check, key policy, forced subject, extensions, signing, idempotency journal written
/// owner-only to disk), next to bare <see cref="CertificateRequest.Create(X500DistinguishedName, X509SignatureGenerator, DateTimeOffset, DateTimeOffset, ReadOnlySpan{byte})"/>
/// signing of the same public keys by a P-256 issuer in the same run.
/// </summary>
internal sealed class CaIssueBenchmark : IBenchmark
{
    private const int DefaultCount = 2000;
    private const double Target = 200;
    private const int Rounds = 8;

    public string Name => "ca-issue";

    public string Description => "CA: operational certificates/s from ECDSA P-256 CSRs vs bare CertificateRequest.Create (args: [count] [parallelism])";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var count = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : DefaultCount;
        var parallelism = args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
        var directory = Path.Combine(Path.GetTempPath(), "twins-bench-ca-" + Guid.NewGuid().ToString("N"));
        try
        {
            Console.WriteLine($"Preparing {count} ECDSA P-256 CSRs...");
            var keys = Enumerable.Range(0, count).Select(_ => ECDsa.Create(ECCurve.NamedCurves.nistP256)).ToArray();
            var csrs = keys.Select((k, i) => new CertificateRequest($"CN=Vehicle_BENCH{i}", k, HashAlgorithmName.SHA256).CreateSigningRequestPem()).ToArray();

            using var ca = await InProcessCertificateAuthority.OpenAsync(new CertificateAuthorityOptions { DataDirectory = directory }, TimeProvider.System, cancellationToken);
            using var issuerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            using var issuer = new CertificateRequest("CN=Baseline Issuer", issuerKey, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100));
            var generator = X509SignatureGenerator.CreateForECDsa(issuerKey);
            var issuerLock = new Lock();

            // Warm up both paths (JIT, OpenSSL state) before measuring.
            for (var i = 0; i < Math.Min(100, count); i++)
            {
                await ca.IssueFromCsrAsync($"warmup-{i}", csrs[i], $"Vehicle_BENCH{i}", cancellationToken);
                Baseline(i);
            }

            // Alternate the two in rounds so the shared machine's load swings hit both alike.
            var baselineTime = TimeSpan.Zero;
            var twinsTime = TimeSpan.Zero;
            for (var round = 0; round < Rounds; round++)
            {
                var from = count * round / Rounds;
                var to = count * (round + 1) / Rounds;
                baselineTime += await MeasureAsync(from, to, parallelism, i =>
                {
                    Baseline(i);
                    return Task.CompletedTask;
                });
                twinsTime += await MeasureAsync(from, to, parallelism, async i =>
                {
                    var result = await ca.IssueFromCsrAsync($"bench-{i}", csrs[i], $"Vehicle_BENCH{i}", cancellationToken);
                    if (!result.Succeeded)
                    {
                        throw new InvalidOperationException(result.Error!.Message);
                    }
                });
            }

            var baseline = count / baselineTime.TotalSeconds;
            var twins = count / twinsTime.TotalSeconds;

            Console.WriteLine();
            Console.WriteLine($"machine      {Environment.ProcessorCount} cores, parallelism {parallelism}, {count} certificates each");
            Console.WriteLine($"twins        {twins,10:N0} certificates/s  (CSR parse + verify + policy + sign + journal on disk)");
            Console.WriteLine($"baseline     {baseline,10:N0} certificates/s  (bare CertificateRequest.Create, P-256 issuer)");
            Console.WriteLine($"ratio        {twins / baseline,10:N2}");
            Console.WriteLine($"target       {Target,10:N0} certificates/s  -> {(twins >= Target ? "met" : "MISSED")}");
            foreach (var key in keys)
            {
                key.Dispose();
            }

            return 0;

            void Baseline(int i)
            {
                var request = new CertificateRequest(new X500DistinguishedName($"CN=Vehicle_BENCH{i}"), new PublicKey(keys[i]), HashAlgorithmName.SHA256);
                var serial = RandomNumberGenerator.GetBytes(16);
                serial[0] &= 0x7F;
                lock (issuerLock)
                {
                    using var certificate = request.Create(issuer.SubjectName, generator, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(1), serial);
                    _ = certificate.ExportCertificatePem();
                }
            }
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static async Task<TimeSpan> MeasureAsync(int from, int to, int parallelism, Func<int, Task> issue)
    {
        var next = from - 1;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, parallelism).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < to)
            {
                await issue(i);
            }
        })));
        return stopwatch.Elapsed;
    }
}
