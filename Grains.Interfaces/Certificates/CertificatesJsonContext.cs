using System.Text.Json.Serialization;

namespace Twins.Grains.Interfaces.Certificates;

/// <summary>Serialization metadata for the certificate grains' arguments and results.</summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(CertificateInfo))]
[JsonSerializable(typeof(CertificateRegistration))]
[JsonSerializable(typeof(CertificateChangeResult))]
[JsonSerializable(typeof(VehicleCertificatesInfo))]
[JsonSerializable(typeof(ProvisioningReply))]
[JsonSerializable(typeof(RotationInfo))]
[JsonSerializable(typeof(SecurityFinding))]
[JsonSerializable(typeof(byte[]))]
[JsonSerializable(typeof(IReadOnlyList<CertificateInfo>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(DateTimeOffset))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(string))]
public sealed partial class CertificatesJsonContext : JsonSerializerContext
{
}
