namespace Twins.GraphQL.Language;

internal sealed record NamedTypeNode(Location Location, NameNode Name) : TypeNode(Location);
