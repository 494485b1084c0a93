using System.Text.Json.Serialization;
using Twins.Grains.Interfaces.Certificates;

namespace Twins.Grains.FleetIndex;

/// <summary>JSON metadata for the indexed reported fields and certificates.</summary>
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(CertificateInfo))]
internal sealed partial class FleetIndexJsonContext : JsonSerializerContext
{
}
