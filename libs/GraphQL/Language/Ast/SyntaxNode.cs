namespace Twins.GraphQL.Language;

internal abstract record SyntaxNode(Location Location);
