namespace Twins.GraphQL.Language;

internal sealed record InputObjectTypeDefinitionNode(Location Location, bool IsExtension, StringValueNode? Description, NameNode Name, IReadOnlyList<DirectiveNode> Directives, IReadOnlyList<InputValueDefinitionNode> Fields) : TypeDefinitionNode(Location, IsExtension, Description, Name, Directives);
