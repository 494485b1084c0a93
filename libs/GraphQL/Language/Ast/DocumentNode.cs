namespace Twins.GraphQL.Language;

internal sealed record DocumentNode(Location Location, IReadOnlyList<DefinitionNode> Definitions) : SyntaxNode(Location);
