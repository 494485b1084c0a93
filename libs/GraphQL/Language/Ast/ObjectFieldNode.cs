namespace Twins.GraphQL.Language;

internal sealed record ObjectFieldNode(Location Location, NameNode Name, ValueNode Value) : SyntaxNode(Location);
