namespace Twins.GraphQL.Language;

internal abstract record TypeDefinitionNode(Location Location, bool IsExtension, StringValueNode? Description, NameNode Name, IReadOnlyList<DirectiveNode> Directives) : TypeSystemDefinitionNode(Location, IsExtension);
