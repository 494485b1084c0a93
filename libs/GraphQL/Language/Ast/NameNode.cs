namespace Twins.GraphQL.Language;

internal sealed record NameNode(Location Location, string Value) : SyntaxNode(Location);
