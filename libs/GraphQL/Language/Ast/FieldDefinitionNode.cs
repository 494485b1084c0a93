namespace Twins.GraphQL.Language;

internal sealed record FieldDefinitionNode(Location Location, StringValueNode? Description, NameNode Name, IReadOnlyList<InputValueDefinitionNode> Arguments, TypeNode Type, IReadOnlyList<DirectiveNode> Directives) : SyntaxNode(Location);
