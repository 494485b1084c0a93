namespace Twins.GraphQL.Language;

internal sealed record NonNullTypeNode(Location Location, TypeNode Type) : TypeNode(Location);
