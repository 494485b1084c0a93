using Twins.GraphQL.Execution;
using Twins.GraphQL.Language;

namespace Twins.GraphQL.Validation;

/// <summary>
/// The server's own limits, checked after validation: nesting depth and cost of each operation with
/// fragments expanded, and whether it uses introspection.
/// </summary>
internal static class OperationLimits
{
    public static List<GraphQLError> Check(DocumentNode document, Types.Schema schema, GraphQLServerOptions options, out bool usesIntrospection)
    {
        var errors = new List<GraphQLError>();
        usesIntrospection = false;
        var fragments = new Dictionary<string, FragmentDefinitionNode>(StringComparer.Ordinal);
        foreach (var definition in document.Definitions.OfType<FragmentDefinitionNode>())
        {
            fragments.TryAdd(definition.Name.Value, definition);
        }

        foreach (var operation in document.Definitions.OfType<OperationDefinitionNode>())
        {
            var walker = new CostWalker(fragments, schema);
            var depth = walker.Depth(operation.SelectionSet, 0, []);
            usesIntrospection |= walker.UsesIntrospection;
            if (depth > options.MaxDepth)
            {
                errors.Add(Error($"The operation has a depth of {depth}, over the maximum of {options.MaxDepth}.", operation));
                continue;
            }

            var cost = walker.Cost(operation.SelectionSet, [], 0);
            if (cost > options.MaxCost)
            {
                errors.Add(Error($"The operation has a cost of {cost}, over the maximum of {options.MaxCost}.", operation));
            }
        }

        return errors;
    }

    private static GraphQLError Error(string message, SyntaxNode node) =>
        new(message, [new ErrorLocation(node.Location.Line, node.Location.Column)], null, ErrorExtensions.Code(ErrorCodes.LimitExceeded));

    private sealed class CostWalker(Dictionary<string, FragmentDefinitionNode> fragments, Types.Schema schema)
    {
        private const long CostCeiling = 1_000_000_000;

        public bool UsesIntrospection { get; private set; }

        public int Depth(SelectionSetNode set, int depth, HashSet<string> visiting)
        {
            var max = depth;
            foreach (var selection in set.Selections)
            {
                switch (selection)
                {
                    case FieldNode field:
                        if (field.Name.Value is "__schema" or "__type")
                        {
                            UsesIntrospection = true;
                        }

                        max = Math.Max(max, field.SelectionSet is null ? depth + 1 : Depth(field.SelectionSet, depth + 1, visiting));
                        break;
                    case InlineFragmentNode inline:
                        max = Math.Max(max, Depth(inline.SelectionSet, depth, visiting));
                        break;
                    case FragmentSpreadNode spread when fragments.TryGetValue(spread.Name.Value, out var fragment) && visiting.Add(spread.Name.Value):
                        max = Math.Max(max, Depth(fragment.SelectionSet, depth, visiting));
                        visiting.Remove(spread.Name.Value);
                        break;
                    default:
                        break;
                }
            }

            return max;
        }

        public long Cost(SelectionSetNode set, HashSet<string> visiting, int level)
        {
            long total = 0;
            foreach (var selection in set.Selections)
            {
                switch (selection)
                {
                    case FieldNode field:
                        var weight = FieldWeight(field.Name.Value);
                        long children = 0;
                        if (field.SelectionSet is not null)
                        {
                            children = Cost(field.SelectionSet, visiting, level + 1) * Multiplier(field);
                        }

                        total += weight + children;
                        break;
                    case InlineFragmentNode inline:
                        total += Cost(inline.SelectionSet, visiting, level);
                        break;
                    case FragmentSpreadNode spread when fragments.TryGetValue(spread.Name.Value, out var fragment) && visiting.Add(spread.Name.Value):
                        total += Cost(fragment.SelectionSet, visiting, level);
                        visiting.Remove(spread.Name.Value);
                        break;
                    default:
                        break;
                }

                if (total > CostCeiling)
                {
                    return CostCeiling;
                }
            }

            return total;
        }

        private int FieldWeight(string name)
        {
            foreach (var type in schema.Types.Values)
            {
                if (type is Types.ComplexType complex && complex.Fields.TryGetValue(name, out var field) && field.Cost is { } cost)
                {
                    return cost;
                }
            }

            return name.StartsWith("__", StringComparison.Ordinal) ? 0 : 1;
        }

        private static long Multiplier(FieldNode field)
        {
            foreach (var argument in field.Arguments)
            {
                if (argument.Name.Value is "first" or "last" or "limit" && argument.Value is IntValueNode size && long.TryParse(size.Value, System.Globalization.CultureInfo.InvariantCulture, out var n))
                {
                    return Math.Clamp(n, 1, 10_000);
                }
            }

            return 1;
        }
    }
}
