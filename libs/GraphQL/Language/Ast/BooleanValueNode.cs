namespace Twins.GraphQL.Language;

internal sealed record BooleanValueNode(Location Location, bool Value) : ValueNode(Location);
