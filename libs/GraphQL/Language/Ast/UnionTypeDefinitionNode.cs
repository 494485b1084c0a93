namespace Twins.GraphQL.Language;

internal sealed record UnionTypeDefinitionNode(Location Location, bool IsExtension, StringValueNode? Description, NameNode Name, IReadOnlyList<DirectiveNode> Directives, IReadOnlyList<NamedTypeNode> Types) : TypeDefinitionNode(Location, IsExtension, Description, Name, Directives);
