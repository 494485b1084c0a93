using System.Numerics;

namespace Twins.Grains.Certificates;

/// <summary>A CRL the authority signed and wrote to its file.</summary>
/// <param name="Number">The CRL number (increases with every CRL).</param>
/// <param name="ThisUpdate">When it was issued.</param>
/// <param name="NextUpdate">When relying parties should expect the next one.</param>
/// <param name="Pem">The CRL in PEM (<c>X509 CRL</c>).</param>
/// <param name="FilePath">The file the broker reads (written atomically).</param>
public sealed record PublishedCrl(BigInteger Number, DateTimeOffset ThisUpdate, DateTimeOffset NextUpdate, string Pem, string FilePath);
