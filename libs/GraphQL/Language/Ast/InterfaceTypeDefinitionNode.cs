namespace Twins.GraphQL.Language;

internal sealed record InterfaceTypeDefinitionNode(Location Location, bool IsExtension, StringValueNode? Description, NameNode Name, IReadOnlyList<NamedTypeNode> Interfaces, IReadOnlyList<DirectiveNode> Directives, IReadOnlyList<FieldDefinitionNode> Fields) : TypeDefinitionNode(Location, IsExtension, Description, Name, Directives);
