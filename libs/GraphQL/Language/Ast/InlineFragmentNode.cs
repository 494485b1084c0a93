namespace Twins.GraphQL.Language;

internal sealed record InlineFragmentNode(Location Location, NamedTypeNode? TypeCondition, IReadOnlyList<DirectiveNode> Directives, SelectionSetNode SelectionSet) : SelectionNode(Location, Directives);
