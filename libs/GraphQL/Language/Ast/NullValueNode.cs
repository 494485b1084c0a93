namespace Twins.GraphQL.Language;

internal sealed record NullValueNode(Location Location) : ValueNode(Location);
