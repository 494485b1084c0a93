namespace Twins.GraphQL.Language;

internal sealed record ScalarTypeDefinitionNode(Location Location, bool IsExtension, StringValueNode? Description, NameNode Name, IReadOnlyList<DirectiveNode> Directives) : TypeDefinitionNode(Location, IsExtension, Description, Name, Directives);
