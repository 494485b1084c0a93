namespace Twins.GraphQL.Language;

internal abstract record ExecutableDefinitionNode(Location Location, IReadOnlyList<DirectiveNode> Directives, SelectionSetNode SelectionSet) : DefinitionNode(Location);
