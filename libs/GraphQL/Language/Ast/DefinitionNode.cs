namespace Twins.GraphQL.Language;

internal abstract record DefinitionNode(Location Location) : SyntaxNode(Location);
