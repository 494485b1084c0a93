using Twins.GraphQL.Language;
using Twins.GraphQL.Types;

namespace Twins.GraphQL.Validation.Rules;

/// <summary>5.2.3.1 Single Root Field (subscriptions).</summary>
internal sealed class SingleFieldSubscriptionsRule : ValidationRule
{
    public override bool Enter(SyntaxNode node, ValidationContext context)
    {
        if (node is not OperationDefinitionNode operation)
        {
            return node is not FragmentDefinitionNode;
        }

        if (operation.Operation != OperationType.Subscription || context.Schema.SubscriptionType is not { } subscriptionType)
        {
            return false;
        }

        var fields = new OrderedDictionary<string, List<FieldNode>>(StringComparer.Ordinal);
        Collect(context, subscriptionType, operation.SelectionSet, fields, new HashSet<string>(StringComparer.Ordinal));
        var label = operation.Name is null ? "Anonymous Subscription" : $"Subscription \"{operation.Name.Value}\"";
        if (fields.Count > 1)
        {
            context.Report($"{label} must select only one top level field.", fields.Values.Skip(1).SelectMany(f => f).ToArray<SyntaxNode>());
        }

        foreach (var fieldNodes in fields.Values)
        {
            if (fieldNodes[0].Name.Value.StartsWith("__", StringComparison.Ordinal))
            {
                context.Report($"{label} must not select an introspection top level field.", fieldNodes.ToArray<SyntaxNode>());
            }
        }

        return false;
    }

    private static void Collect(ValidationContext context, ObjectType type, SelectionSetNode set, OrderedDictionary<string, List<FieldNode>> fields, HashSet<string> visited)
    {
        foreach (var selection in set.Selections)
        {
            if (!Included(selection.Directives))
            {
                continue;
            }

            switch (selection)
            {
                case FieldNode field:
                    if (!fields.TryGetValue(field.ResponseName, out var list))
                    {
                        list = [];
                        fields[field.ResponseName] = list;
                    }

                    list.Add(field);
                    break;
                case InlineFragmentNode inline:
                    if (Matches(context, inline.TypeCondition, type))
                    {
                        Collect(context, type, inline.SelectionSet, fields, visited);
                    }

                    break;
                case FragmentSpreadNode spread:
                    if (visited.Add(spread.Name.Value) && context.GetFragment(spread.Name.Value) is { } fragment && Matches(context, fragment.TypeCondition, type))
                    {
                        Collect(context, type, fragment.SelectionSet, fields, visited);
                    }

                    break;
                default:
                    break;
            }
        }
    }

    private static bool Included(IReadOnlyList<DirectiveNode> directives)
    {
        foreach (var directive in directives)
        {
            var condition = directive.Arguments.FirstOrDefault(a => a.Name.Value == "if")?.Value;
            if (directive.Name.Value == "skip" && condition is BooleanValueNode { Value: true })
            {
                return false;
            }

            if (directive.Name.Value == "include" && condition is BooleanValueNode { Value: false })
            {
                return false;
            }
        }

        return true;
    }

    private static bool Matches(ValidationContext context, NamedTypeNode? condition, ObjectType type)
    {
        if (condition is null)
        {
            return true;
        }

        var conditionType = context.Schema.GetType(condition.Name.Value);
        return ReferenceEquals(conditionType, type) || (conditionType is { IsAbstract: true } && context.Schema.IsSubType(conditionType, type));
    }
}
