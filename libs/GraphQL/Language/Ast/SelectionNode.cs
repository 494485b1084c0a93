namespace Twins.GraphQL.Language;

internal abstract record SelectionNode(Location Location, IReadOnlyList<DirectiveNode> Directives) : SyntaxNode(Location);
