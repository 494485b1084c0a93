using Twins.GraphQL.Execution;
using Twins.GraphQL.Language;

namespace Twins.GraphQL.Types.Internal;

/// <summary>An output field as declared.</summary>
internal sealed class FieldConfig(string name)
{
    public string Name { get; } = name;

    public string? Description { get; set; }

    public TypeNode? Type { get; set; }

    public List<InputValueConfig> Arguments { get; } = [];

    public string? DeprecationReason { get; set; }

    public FieldResolver? Resolver { get; set; }

    public SubscribeResolver? Subscriber { get; set; }

    public int? Cost { get; set; }
}
