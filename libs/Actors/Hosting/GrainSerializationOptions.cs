using System.Text.Json.Serialization.Metadata;

namespace Twins.Actors.Hosting;

/// <summary>The System.Text.Json metadata sources for grain state, arguments and results.</summary>
public sealed class GrainSerializationOptions
{
    /// <summary>Source-generated contexts (or other resolvers), consulted in order before the runtime's own.</summary>
    public IList<IJsonTypeInfoResolver> TypeInfoResolvers { get; } = [];
}
