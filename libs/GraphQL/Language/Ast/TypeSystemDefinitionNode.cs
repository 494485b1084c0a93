namespace Twins.GraphQL.Language;

internal abstract record TypeSystemDefinitionNode(Location Location, bool IsExtension) : DefinitionNode(Location);
