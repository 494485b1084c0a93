namespace Twins.GraphQL.Language;

internal abstract record ValueNode(Location Location) : SyntaxNode(Location);
