namespace Twins.GraphQL.Language;

internal sealed record VariableNode(Location Location, NameNode Name) : ValueNode(Location);
