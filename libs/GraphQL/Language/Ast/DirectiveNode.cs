namespace Twins.GraphQL.Language;

internal sealed record DirectiveNode(Location Location, NameNode Name, IReadOnlyList<ArgumentNode> Arguments) : SyntaxNode(Location);
