namespace Twins.GraphQL.Language;

internal sealed record EnumValueDefinitionNode(Location Location, StringValueNode? Description, NameNode Name, IReadOnlyList<DirectiveNode> Directives) : SyntaxNode(Location);
