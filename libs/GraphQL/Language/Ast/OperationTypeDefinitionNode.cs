namespace Twins.GraphQL.Language;

internal sealed record OperationTypeDefinitionNode(Location Location, OperationType Operation, NamedTypeNode Type) : SyntaxNode(Location);
