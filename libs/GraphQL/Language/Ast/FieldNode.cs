namespace Twins.GraphQL.Language;

internal sealed record FieldNode(Location Location, NameNode? Alias, NameNode Name, IReadOnlyList<ArgumentNode> Arguments, IReadOnlyList<DirectiveNode> Directives, SelectionSetNode? SelectionSet) : SelectionNode(Location, Directives)
{
    /// <summary>The key of this field in the response: the alias, or else the name.</summary>
    public string ResponseName => Alias?.Value ?? Name.Value;
}
