using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using Twins.Actors.Hosting;
using Twins.Actors.Invocation;

namespace Twins.Actors.Internal;

/// <summary>The one <see cref="JsonSerializerOptions"/> of a silo: registered contexts first, then the runtime's.</summary>
internal sealed class GrainJsonOptions
{
    public GrainJsonOptions(IOptions<GrainSerializationOptions> options)
    {
        var resolvers = options.Value.TypeInfoResolvers.Append(ActorsJsonContext.Default).ToArray();
        Options = new JsonSerializerOptions { TypeInfoResolver = JsonTypeInfoResolver.Combine(resolvers) };
        Options.MakeReadOnly();
    }

    public JsonSerializerOptions Options { get; }
}
