using System.Text.Encodings.Web;
using System.Text.Json;

namespace Twins.GraphQL.Execution;

/// <summary>Shared serializer options.</summary>
internal static class JsonOptions
{
    /// <summary>Escapes only what JSON requires, like JSON.stringify.</summary>
    public static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
