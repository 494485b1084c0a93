using Twins.GraphQL.Language;

namespace Twins.GraphQL.Validation.Rules;

/// <summary>5.2.1.1 Operation Name Uniqueness.</summary>
internal sealed class UniqueOperationNamesRule : ValidationRule
{
    private readonly Dictionary<string, NameNode> _known = new(StringComparer.Ordinal);

    public override bool Enter(SyntaxNode node, ValidationContext context)
    {
        if (node is OperationDefinitionNode { Name: { } name })
        {
            if (_known.TryGetValue(name.Value, out var existing))
            {
                context.Report($"There can be only one operation named \"{name.Value}\".", existing, name);
            }
            else
            {
                _known[name.Value] = name;
            }

            return false;
        }

        return node is not (OperationDefinitionNode or FragmentDefinitionNode);
    }
}
