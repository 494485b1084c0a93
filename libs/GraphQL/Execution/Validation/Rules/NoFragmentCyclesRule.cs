using Twins.GraphQL.Language;

namespace Twins.GraphQL.Validation.Rules;

/// <summary>5.5.2.2 Fragment Spreads Must Not Form Cycles.</summary>
internal sealed class NoFragmentCyclesRule : ValidationRule
{
    private readonly HashSet<string> _visited = new(StringComparer.Ordinal);
    private readonly List<FragmentSpreadNode> _spreadPath = [];
    private readonly Dictionary<string, int> _spreadPathIndexByName = new(StringComparer.Ordinal);

    public override bool Enter(SyntaxNode node, ValidationContext context)
    {
        switch (node)
        {
            case OperationDefinitionNode:
                return false;
            case FragmentDefinitionNode fragment:
                DetectCycle(fragment, context);
                return false;
            default:
                return true;
        }
    }

    private void DetectCycle(FragmentDefinitionNode fragment, ValidationContext context)
    {
        var name = fragment.Name.Value;
        if (!_visited.Add(name))
        {
            return;
        }

        var spreads = context.GetFragmentSpreads(fragment.SelectionSet);
        if (spreads.Count == 0)
        {
            return;
        }

        _spreadPathIndexByName[name] = _spreadPath.Count;
        foreach (var spread in spreads)
        {
            var spreadName = spread.Name.Value;
            _spreadPath.Add(spread);
            if (!_spreadPathIndexByName.TryGetValue(spreadName, out var cycleIndex))
            {
                if (context.GetFragment(spreadName) is { } target)
                {
                    DetectCycle(target, context);
                }
            }
            else
            {
                var cyclePath = _spreadPath.Skip(cycleIndex).ToList();
                var via = string.Join(", ", cyclePath.Take(cyclePath.Count - 1).Select(s => "\"" + s.Name.Value + "\""));
                context.Report($"Cannot spread fragment \"{spreadName}\" within itself" + (via.Length > 0 ? $" via {via}." : "."), cyclePath.ToArray<SyntaxNode>());
            }

            _spreadPath.RemoveAt(_spreadPath.Count - 1);
        }

        _spreadPathIndexByName.Remove(name);
    }
}
