namespace Twins.GraphQL.Language;

internal sealed record FragmentSpreadNode(Location Location, NameNode Name, IReadOnlyList<DirectiveNode> Directives) : SelectionNode(Location, Directives);
