using Twins.GraphQL.Language;

namespace Twins.GraphQL.Validation.Rules;

/// <summary>Rejects introspection queries nesting list fields three deep (graphql-js MaxIntrospectionDepthRule).</summary>
internal sealed class MaxIntrospectionDepthRule : ValidationRule
{
    private const int MaxListsDepth = 3;

    /// <summary>Nodes visited per check before treating the query as too deep (graphql-js would loop exponentially on repeated spreads).</summary>
    private const int VisitBudget = 10_000;

    private int _visits;

    public override bool Enter(SyntaxNode node, ValidationContext context)
    {
        if (node is not FieldNode { Name.Value: "__schema" or "__type" } field)
        {
            return true;
        }

        _visits = 0;
        if (CheckDepth(context, field, new HashSet<string>(StringComparer.Ordinal), 0))
        {
            context.Report("Maximum introspection depth exceeded", field);
            return false;
        }

        return true;
    }

    private bool CheckDepth(ValidationContext context, SyntaxNode node, HashSet<string> visited, int depth)
    {
        if (++_visits > VisitBudget)
        {
            return true;
        }

        if (node is FragmentSpreadNode spread)
        {
            var name = spread.Name.Value;
            if (visited.Contains(name) || context.GetFragment(name) is not { } fragment)
            {
                return false;
            }

            visited.Add(name);
            try
            {
                return CheckDepth(context, fragment, visited, depth);
            }
            finally
            {
                visited.Remove(name);
            }
        }

        if (node is FieldNode { Name.Value: "fields" or "interfaces" or "possibleTypes" or "inputFields" })
        {
            depth++;
            if (depth >= MaxListsDepth)
            {
                return true;
            }
        }

        var selectionSet = node switch
        {
            FieldNode f => f.SelectionSet,
            InlineFragmentNode i => i.SelectionSet,
            FragmentDefinitionNode d => d.SelectionSet,
            _ => null,
        };
        if (selectionSet is not null)
        {
            foreach (var child in selectionSet.Selections)
            {
                if (CheckDepth(context, child, visited, depth))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
