namespace Twins.GraphQL.Language;

internal sealed record InputValueDefinitionNode(Location Location, StringValueNode? Description, NameNode Name, TypeNode Type, ValueNode? DefaultValue, IReadOnlyList<DirectiveNode> Directives) : SyntaxNode(Location);
