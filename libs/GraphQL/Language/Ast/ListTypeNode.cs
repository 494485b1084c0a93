namespace Twins.GraphQL.Language;

internal sealed record ListTypeNode(Location Location, TypeNode Type) : TypeNode(Location);
