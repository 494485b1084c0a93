namespace Twins.GraphQL.Language;

internal sealed record DirectiveDefinitionNode(Location Location, StringValueNode? Description, NameNode Name, IReadOnlyList<InputValueDefinitionNode> Arguments, bool Repeatable, IReadOnlyList<NameNode> Locations) : TypeSystemDefinitionNode(Location, false);
