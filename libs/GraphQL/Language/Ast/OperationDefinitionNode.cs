namespace Twins.GraphQL.Language;

internal sealed record OperationDefinitionNode(Location Location, StringValueNode? Description, OperationType Operation, NameNode? Name, IReadOnlyList<VariableDefinitionNode> VariableDefinitions, IReadOnlyList<DirectiveNode> Directives, SelectionSetNode SelectionSet) : ExecutableDefinitionNode(Location, Directives, SelectionSet);
