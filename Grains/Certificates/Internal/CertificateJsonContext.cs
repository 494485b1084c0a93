using System.Text.Json.Serialization;

namespace Twins.Grains.Certificates;

[JsonSerializable(typeof(IssueJournalEntry))]
internal sealed partial class CertificateJsonContext : JsonSerializerContext;
