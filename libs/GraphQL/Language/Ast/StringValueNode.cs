namespace Twins.GraphQL.Language;

internal sealed record StringValueNode(Location Location, string Value, bool Block) : ValueNode(Location);
