namespace Twins.GraphQL.Language;

internal sealed record SelectionSetNode(Location Location, IReadOnlyList<SelectionNode> Selections) : SyntaxNode(Location);
