using Twins.GraphQL.Language;

namespace Twins.GraphQL.Validation.Rules;

/// <summary>5.5.1.1 Fragment Name Uniqueness.</summary>
internal sealed class UniqueFragmentNamesRule : ValidationRule
{
    private readonly Dictionary<string, NameNode> _known = new(StringComparer.Ordinal);

    public override bool Enter(SyntaxNode node, ValidationContext context)
    {
        if (node is FragmentDefinitionNode fragment)
        {
            if (_known.TryGetValue(fragment.Name.Value, out var existing))
            {
                context.Report($"There can be only one fragment named \"{fragment.Name.Value}\".", existing, fragment.Name);
            }
            else
            {
                _known[fragment.Name.Value] = fragment.Name;
            }

            return false;
        }

        return node is not OperationDefinitionNode;
    }
}
