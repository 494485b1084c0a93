namespace Twins.GraphQL.Language;

internal abstract record TypeNode(Location Location) : SyntaxNode(Location);
