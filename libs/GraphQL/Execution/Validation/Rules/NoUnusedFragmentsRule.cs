using Twins.GraphQL.Language;

namespace Twins.GraphQL.Validation.Rules;

/// <summary>5.5.1.4 Fragments Must Be Used.</summary>
internal sealed class NoUnusedFragmentsRule : ValidationRule
{
    private readonly List<OperationDefinitionNode> _operations = [];
    private readonly List<FragmentDefinitionNode> _fragments = [];

    public override bool Enter(SyntaxNode node, ValidationContext context)
    {
        switch (node)
        {
            case OperationDefinitionNode operation:
                _operations.Add(operation);
                return false;
            case FragmentDefinitionNode fragment:
                _fragments.Add(fragment);
                return false;
            default:
                return true;
        }
    }

    public override void Leave(SyntaxNode node, ValidationContext context)
    {
        if (node is not DocumentNode)
        {
            return;
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operation in _operations)
        {
            foreach (var fragment in context.GetRecursivelyReferencedFragments(operation))
            {
                used.Add(fragment.Name.Value);
            }
        }

        foreach (var fragment in _fragments)
        {
            if (!used.Contains(fragment.Name.Value))
            {
                context.Report($"Fragment \"{fragment.Name.Value}\" is never used.", fragment);
            }
        }
    }
}
