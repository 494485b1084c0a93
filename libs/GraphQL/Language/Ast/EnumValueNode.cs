namespace Twins.GraphQL.Language;

internal sealed record EnumValueNode(Location Location, string Value) : ValueNode(Location);
