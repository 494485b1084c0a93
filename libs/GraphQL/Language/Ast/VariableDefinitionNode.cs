namespace Twins.GraphQL.Language;

internal sealed record VariableDefinitionNode(Location Location, StringValueNode? Description, VariableNode Variable, TypeNode Type, ValueNode? DefaultValue, IReadOnlyList<DirectiveNode> Directives) : SyntaxNode(Location);
