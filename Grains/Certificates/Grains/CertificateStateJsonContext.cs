using System.Text.Json.Serialization;

namespace Twins.Grains.Certificates.Grains;

/// <summary>Serialization metadata for the certificate grains' persisted state.</summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(CertificateRecord))]
[JsonSerializable(typeof(RevocationList))]
[JsonSerializable(typeof(VinAllowListState))]
[JsonSerializable(typeof(VehicleCertificateBook))]
[JsonSerializable(typeof(Dictionary<string, string>))]
public sealed partial class CertificateStateJsonContext : JsonSerializerContext
{
}
