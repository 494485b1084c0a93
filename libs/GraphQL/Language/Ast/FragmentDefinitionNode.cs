namespace Twins.GraphQL.Language;

internal sealed record FragmentDefinitionNode(Location Location, StringValueNode? Description, NameNode Name, NamedTypeNode TypeCondition, IReadOnlyList<DirectiveNode> Directives, SelectionSetNode SelectionSet) : ExecutableDefinitionNode(Location, Directives, SelectionSet);
