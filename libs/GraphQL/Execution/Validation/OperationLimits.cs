using Twins.GraphQL.Execution;
using Twins.GraphQL.Language;
using Twins.GraphQL.Types;

namespace Twins.GraphQL.Validation;

/// <summary>
/// The server's own limits, checked right after parsing (before the specification's rules, so an
/// oversized document costs little): nesting depth and cost of each operation with fragments expanded,
/// and whether it uses introspection. Fragment results are memoized, so fragments spread many times
/// cannot blow the work up exponentially.
/// </summary>
internal static class OperationLimits
{
    public static List<GraphQLError> Check(DocumentNode document, Schema schema, GraphQLServerOptions options, out bool usesIntrospection)
    {
        var errors = new List<GraphQLError>();
        var fragments = new Dictionary<string, FragmentDefinitionNode>(StringComparer.Ordinal);
        foreach (var definition in document.Definitions.OfType<FragmentDefinitionNode>())
        {
            fragments.TryAdd(definition.Name.Value, definition);
        }

        var walker = new CostWalker(fragments, schema);
        foreach (var operation in document.Definitions.OfType<OperationDefinitionNode>())
        {
            var root = operation.Operation switch
            {
                OperationType.Query => schema.QueryType,
                OperationType.Mutation => schema.MutationType,
                _ => (NamedType?)schema.SubscriptionType,
            };
            var depth = walker.Depth(operation.SelectionSet, []);
            if (depth > options.MaxDepth)
            {
                errors.Add(Error($"The operation has a depth of {depth}, over the maximum of {options.MaxDepth}.", operation));
                continue;
            }

            var cost = walker.Cost(operation.SelectionSet, root, []);
            if (cost > options.MaxCost)
            {
                errors.Add(Error($"The operation has a cost of {cost}, over the maximum of {options.MaxCost}.", operation));
            }
        }

        usesIntrospection = walker.UsesIntrospection;
        return errors;
    }

    private static GraphQLError Error(string message, SyntaxNode node) =>
        new(message, [new ErrorLocation(node.Location.Line, node.Location.Column)], null, ErrorExtensions.Code(ErrorCodes.LimitExceeded));

    private sealed class CostWalker(Dictionary<string, FragmentDefinitionNode> fragments, Schema schema)
    {
        private const long CostCeiling = 1_000_000_000;
        private readonly Dictionary<string, int> _fragmentDepth = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long> _fragmentCost = new(StringComparer.Ordinal);

        public bool UsesIntrospection { get; private set; }

        /// <summary>The deepest field nesting below <paramref name="set"/> (fields count one each).</summary>
        public int Depth(SelectionSetNode set, HashSet<string> visiting)
        {
            var max = 0;
            foreach (var selection in set.Selections)
            {
                var depth = selection switch
                {
                    FieldNode field => FieldDepth(field, visiting),
                    InlineFragmentNode inline => Depth(inline.SelectionSet, visiting),
                    FragmentSpreadNode spread => FragmentDepth(spread.Name.Value, visiting),
                    _ => 0,
                };
                max = Math.Max(max, depth);
            }

            return max;
        }

        private int FieldDepth(FieldNode field, HashSet<string> visiting)
        {
            if (field.Name.Value is "__schema" or "__type")
            {
                UsesIntrospection = true;
            }

            return 1 + (field.SelectionSet is null ? 0 : Depth(field.SelectionSet, visiting));
        }

        private int FragmentDepth(string name, HashSet<string> visiting)
        {
            if (_fragmentDepth.TryGetValue(name, out var known))
            {
                return known;
            }

            if (!fragments.TryGetValue(name, out var fragment) || !visiting.Add(name))
            {
                return 0;
            }

            var depth = Depth(fragment.SelectionSet, visiting);
            visiting.Remove(name);
            _fragmentDepth[name] = depth;
            return depth;
        }

        /// <summary>Each field costs its weight (<c>@cost</c> / FieldDescriptor.Cost, else 1; meta fields 0) plus its selection's cost times its first/last/limit argument.</summary>
        public long Cost(SelectionSetNode set, NamedType? parentType, HashSet<string> visiting)
        {
            long total = 0;
            foreach (var selection in set.Selections)
            {
                switch (selection)
                {
                    case FieldNode field:
                        var definition = parentType is null ? null : schema.GetField(parentType, field.Name.Value);
                        long weight = definition?.Cost ?? (field.Name.Value.StartsWith("__", StringComparison.Ordinal) ? 0 : 1);
                        if (field.SelectionSet is not null)
                        {
                            weight += Cost(field.SelectionSet, definition?.Type.NamedType(), visiting) * Multiplier(field);
                        }

                        total += weight;
                        break;
                    case InlineFragmentNode inline:
                        total += Cost(inline.SelectionSet, inline.TypeCondition is null ? parentType : schema.GetType(inline.TypeCondition.Name.Value), visiting);
                        break;
                    case FragmentSpreadNode spread:
                        total += FragmentCost(spread.Name.Value, visiting);
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

        private long FragmentCost(string name, HashSet<string> visiting)
        {
            if (_fragmentCost.TryGetValue(name, out var known))
            {
                return known;
            }

            if (!fragments.TryGetValue(name, out var fragment) || !visiting.Add(name))
            {
                return 0;
            }

            var cost = Cost(fragment.SelectionSet, schema.GetType(fragment.TypeCondition.Name.Value), visiting);
            visiting.Remove(name);
            _fragmentCost[name] = cost;
            return cost;
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
