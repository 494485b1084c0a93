namespace Twins.GraphQL.Language;

internal sealed record ArgumentNode(Location Location, NameNode Name, ValueNode Value) : SyntaxNode(Location);
