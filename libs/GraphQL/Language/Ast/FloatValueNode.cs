namespace Twins.GraphQL.Language;

internal sealed record FloatValueNode(Location Location, string Value) : ValueNode(Location);
