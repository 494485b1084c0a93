namespace Twins.GraphQL.Language;

internal sealed record ListValueNode(Location Location, IReadOnlyList<ValueNode> Values) : ValueNode(Location);
