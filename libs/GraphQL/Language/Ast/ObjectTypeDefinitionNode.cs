namespace Twins.GraphQL.Language;

internal sealed record ObjectTypeDefinitionNode(Location Location, bool IsExtension, StringValueNode? Description, NameNode Name, IReadOnlyList<NamedTypeNode> Interfaces, IReadOnlyList<DirectiveNode> Directives, IReadOnlyList<FieldDefinitionNode> Fields) : TypeDefinitionNode(Location, IsExtension, Description, Name, Directives);
