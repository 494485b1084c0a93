namespace Twins.GraphQL.Language;

internal sealed record ObjectValueNode(Location Location, IReadOnlyList<ObjectFieldNode> Fields) : ValueNode(Location);
