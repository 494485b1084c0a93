namespace Twins.GraphQL.Language;

internal sealed record IntValueNode(Location Location, string Value) : ValueNode(Location);
