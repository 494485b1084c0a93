namespace Twins.GraphQL.Language;

internal sealed record SchemaDefinitionNode(Location Location, bool IsExtension, StringValueNode? Description, IReadOnlyList<DirectiveNode> Directives, IReadOnlyList<OperationTypeDefinitionNode> OperationTypes) : TypeSystemDefinitionNode(Location, IsExtension);
