namespace Twins.GraphQL.Language;

internal sealed record EnumTypeDefinitionNode(Location Location, bool IsExtension, StringValueNode? Description, NameNode Name, IReadOnlyList<DirectiveNode> Directives, IReadOnlyList<EnumValueDefinitionNode> Values) : TypeDefinitionNode(Location, IsExtension, Description, Name, Directives);
