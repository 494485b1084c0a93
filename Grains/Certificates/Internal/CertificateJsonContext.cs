using System.Text.Json.Serialization;

namespace Twins.Grains.Certificates;

[JsonSerializable(typeof(IssueJournalEntry))]
[JsonSourceGenerationOptions(WriteIndented = false)]
internal sealed partial class CertificateJsonContext : JsonSerializerContext;
