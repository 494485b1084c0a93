using Twins.GraphQL.Language;
using Twins.GraphQL.Types;

namespace Twins.GraphQL.Validation.Rules;

/// <summary>5.3.2 Field Selection Merging (a port of graphql-js's algorithm, including its caches).</summary>
internal sealed class OverlappingFieldsCanBeMergedRule : ValidationRule
{
    /// <summary>Field pairs compared per document before giving up: the algorithm is quadratic in fields sharing a response name.</summary>
    public const int ComparisonBudget = 100_000;

    private int _comparisons;
    private readonly Dictionary<SelectionSetNode, FieldsAndFragments> _cache = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(FieldMap, string), bool> _comparedFieldsAndFragments = [];
    private readonly Dictionary<(string, string), bool> _comparedFragments = [];

    public override bool Enter(SyntaxNode node, ValidationContext context)
    {
        if (node is SelectionSetNode selectionSet)
        {
            var conflicts = FindConflictsWithinSelectionSet(context, context.ParentType, selectionSet);
            foreach (var conflict in conflicts)
            {
                context.Report(
                    $"Fields \"{conflict.ResponseName}\" conflict because {ReasonMessage(conflict.Reason)}. Use different aliases on the fields to fetch both if this was intentional.",
                    conflict.Fields1.Concat(conflict.Fields2).ToArray<SyntaxNode>());
            }
        }

        return true;
    }

    private static string ReasonMessage(object reason) => reason is List<(string Name, object Reason)> list
        ? string.Join(" and ", list.Select(r => $"subfields \"{r.Name}\" conflict because " + ReasonMessage(r.Reason)))
        : (string)reason;

    private List<Conflict> FindConflictsWithinSelectionSet(ValidationContext context, NamedType? parentType, SelectionSetNode selectionSet)
    {
        var conflicts = new List<Conflict>();
        var (fieldMap, fragmentNames) = GetFieldsAndFragmentNames(context, parentType, selectionSet);
        CollectConflictsWithin(context, conflicts, fieldMap);
        for (var i = 0; i < fragmentNames.Count; i++)
        {
            CollectConflictsBetweenFieldsAndFragment(context, conflicts, false, fieldMap, fragmentNames[i]);
            for (var j = i + 1; j < fragmentNames.Count; j++)
            {
                CollectConflictsBetweenFragments(context, conflicts, false, fragmentNames[i], fragmentNames[j]);
            }
        }

        return conflicts;
    }

    private void CollectConflictsBetweenFieldsAndFragment(ValidationContext context, List<Conflict> conflicts, bool mutuallyExclusive, FieldMap fieldMap, string fragmentName)
    {
        if (_comparedFieldsAndFragments.TryGetValue((fieldMap, fragmentName), out var stored) && (mutuallyExclusive || stored == mutuallyExclusive))
        {
            return;
        }

        _comparedFieldsAndFragments[(fieldMap, fragmentName)] = mutuallyExclusive;
        if (context.GetFragment(fragmentName) is not { } fragment)
        {
            return;
        }

        var (fieldMap2, referenced) = GetReferencedFieldsAndFragmentNames(context, fragment);
        if (ReferenceEquals(fieldMap, fieldMap2))
        {
            return;
        }

        CollectConflictsBetween(context, conflicts, mutuallyExclusive, fieldMap, fieldMap2);
        foreach (var name in referenced)
        {
            CollectConflictsBetweenFieldsAndFragment(context, conflicts, mutuallyExclusive, fieldMap, name);
        }
    }

    private void CollectConflictsBetweenFragments(ValidationContext context, List<Conflict> conflicts, bool mutuallyExclusive, string name1, string name2)
    {
        if (name1 == name2)
        {
            return;
        }

        var key = string.CompareOrdinal(name1, name2) < 0 ? (name1, name2) : (name2, name1);
        if (_comparedFragments.TryGetValue(key, out var stored) && (mutuallyExclusive || stored == mutuallyExclusive))
        {
            return;
        }

        _comparedFragments[key] = mutuallyExclusive;
        if (context.GetFragment(name1) is not { } fragment1 || context.GetFragment(name2) is not { } fragment2)
        {
            return;
        }

        var (fieldMap1, referenced1) = GetReferencedFieldsAndFragmentNames(context, fragment1);
        var (fieldMap2, referenced2) = GetReferencedFieldsAndFragmentNames(context, fragment2);
        CollectConflictsBetween(context, conflicts, mutuallyExclusive, fieldMap1, fieldMap2);
        foreach (var referenced in referenced2)
        {
            CollectConflictsBetweenFragments(context, conflicts, mutuallyExclusive, name1, referenced);
        }

        foreach (var referenced in referenced1)
        {
            CollectConflictsBetweenFragments(context, conflicts, mutuallyExclusive, referenced, name2);
        }
    }

    private List<Conflict> FindConflictsBetweenSubSelectionSets(ValidationContext context, bool mutuallyExclusive, NamedType? parentType1, SelectionSetNode selectionSet1, NamedType? parentType2, SelectionSetNode selectionSet2)
    {
        var conflicts = new List<Conflict>();
        var (fieldMap1, fragmentNames1) = GetFieldsAndFragmentNames(context, parentType1, selectionSet1);
        var (fieldMap2, fragmentNames2) = GetFieldsAndFragmentNames(context, parentType2, selectionSet2);
        CollectConflictsBetween(context, conflicts, mutuallyExclusive, fieldMap1, fieldMap2);
        foreach (var name in fragmentNames2)
        {
            CollectConflictsBetweenFieldsAndFragment(context, conflicts, mutuallyExclusive, fieldMap1, name);
        }

        foreach (var name in fragmentNames1)
        {
            CollectConflictsBetweenFieldsAndFragment(context, conflicts, mutuallyExclusive, fieldMap2, name);
        }

        foreach (var name1 in fragmentNames1)
        {
            foreach (var name2 in fragmentNames2)
            {
                CollectConflictsBetweenFragments(context, conflicts, mutuallyExclusive, name1, name2);
            }
        }

        return conflicts;
    }

    private void CollectConflictsWithin(ValidationContext context, List<Conflict> conflicts, FieldMap fieldMap)
    {
        foreach (var (responseName, fields) in fieldMap)
        {
            for (var i = 0; i < fields.Count; i++)
            {
                for (var j = i + 1; j < fields.Count; j++)
                {
                    if (IdenticalLeaves(fields[i], fields[j]))
                    {
                        // Cannot conflict: skipping keeps repeated identical fields linear, not quadratic.
                        continue;
                    }

                    var conflict = FindConflict(context, false, responseName, fields[i], fields[j]);
                    if (conflict is not null)
                    {
                        conflicts.Add(conflict);
                    }
                }
            }
        }
    }

    private void CollectConflictsBetween(ValidationContext context, List<Conflict> conflicts, bool mutuallyExclusive, FieldMap fieldMap1, FieldMap fieldMap2)
    {
        foreach (var (responseName, fields1) in fieldMap1)
        {
            if (!fieldMap2.TryGetValue(responseName, out var fields2))
            {
                continue;
            }

            foreach (var field1 in fields1)
            {
                foreach (var field2 in fields2)
                {
                    var conflict = FindConflict(context, mutuallyExclusive, responseName, field1, field2);
                    if (conflict is not null)
                    {
                        conflicts.Add(conflict);
                    }
                }
            }
        }
    }

    private Conflict? FindConflict(ValidationContext context, bool parentsMutuallyExclusive, string responseName, FieldAndDefinition field1, FieldAndDefinition field2)
    {
        if (++_comparisons == ComparisonBudget)
        {
            context.Report("The document is too complex to validate: too many fields share a response name.", field1.Node);
        }

        if (_comparisons >= ComparisonBudget)
        {
            return null;
        }

        var mutuallyExclusive = parentsMutuallyExclusive
            || (!ReferenceEquals(field1.ParentType, field2.ParentType) && field1.ParentType is ObjectType && field2.ParentType is ObjectType);
        var node1 = field1.Node;
        var node2 = field2.Node;
        if (!mutuallyExclusive)
        {
            if (node1.Name.Value != node2.Name.Value)
            {
                return new Conflict(responseName, $"\"{node1.Name.Value}\" and \"{node2.Name.Value}\" are different fields", [node1], [node2]);
            }

            if (!SameArguments(node1, node2))
            {
                return new Conflict(responseName, "they have differing arguments", [node1], [node2]);
            }
        }

        var type1 = field1.Definition?.Type;
        var type2 = field2.Definition?.Type;
        if (type1 is not null && type2 is not null && TypesConflict(type1, type2))
        {
            return new Conflict(responseName, $"they return conflicting types \"{type1}\" and \"{type2}\"", [node1], [node2]);
        }

        if (node1.SelectionSet is not null && node2.SelectionSet is not null)
        {
            var conflicts = FindConflictsBetweenSubSelectionSets(context, mutuallyExclusive, type1?.NamedType(), node1.SelectionSet, type2?.NamedType(), node2.SelectionSet);
            if (conflicts.Count > 0)
            {
                return new Conflict(
                    responseName,
                    conflicts.Select(c => (c.ResponseName, c.Reason)).ToList(),
                    [node1, .. conflicts.SelectMany(c => c.Fields1)],
                    [node2, .. conflicts.SelectMany(c => c.Fields2)]);
            }
        }

        return null;
    }

    private static bool IdenticalLeaves(FieldAndDefinition field1, FieldAndDefinition field2) =>
        ReferenceEquals(field1.ParentType, field2.ParentType)
        && field1.Node.SelectionSet is null
        && field2.Node.SelectionSet is null
        && field1.Node.Name.Value == field2.Node.Name.Value
        && (field1.Node.Arguments.Count + field2.Node.Arguments.Count == 0 || SameArguments(field1.Node, field2.Node));

    private static bool SameArguments(FieldNode node1, FieldNode node2)
    {
        if (node1.Arguments.Count == 0)
        {
            return node2.Arguments.Count == 0;
        }

        if (node2.Arguments.Count == 0 || node1.Arguments.Count != node2.Arguments.Count)
        {
            return false;
        }

        foreach (var argument1 in node1.Arguments)
        {
            var argument2 = node2.Arguments.FirstOrDefault(a => a.Name.Value == argument1.Name.Value);
            if (argument2 is null || SyntaxPrinter.Print(Sort(argument1.Value)) != SyntaxPrinter.Print(Sort(argument2.Value)))
            {
                return false;
            }
        }

        return true;
    }

    private static ValueNode Sort(ValueNode value) => value switch
    {
        ObjectValueNode obj => obj with
        {
            Fields = obj.Fields
                .Select(f => f with { Value = Sort(f.Value) })
                .OrderBy(f => f.Name.Value, Comparer<string>.Create(Suggestions.NaturalCompare))
                .ToList(),
        },
        ListValueNode list => list with { Values = list.Values.Select(Sort).ToList() },
        _ => value,
    };

    private static bool TypesConflict(IGraphQLType type1, IGraphQLType type2)
    {
        if (type1 is ListType list1)
        {
            return type2 is not ListType list2 || TypesConflict(list1.OfType, list2.OfType);
        }

        if (type2 is ListType)
        {
            return true;
        }

        if (type1 is NonNullType nonNull1)
        {
            return type2 is not NonNullType nonNull2 || TypesConflict(nonNull1.OfType, nonNull2.OfType);
        }

        if (type2 is NonNullType)
        {
            return true;
        }

        var named1 = (NamedType)type1;
        var named2 = (NamedType)type2;
        return (named1.IsLeaf || named2.IsLeaf) && !ReferenceEquals(named1, named2);
    }

    private FieldsAndFragments GetFieldsAndFragmentNames(ValidationContext context, NamedType? parentType, SelectionSetNode selectionSet)
    {
        if (_cache.TryGetValue(selectionSet, out var cached))
        {
            return cached;
        }

        var fieldMap = new FieldMap();
        var fragmentNames = new List<string>();
        CollectFieldsAndFragmentNames(context, parentType, selectionSet, fieldMap, fragmentNames);
        var result = new FieldsAndFragments(fieldMap, fragmentNames);
        _cache[selectionSet] = result;
        return result;
    }

    private FieldsAndFragments GetReferencedFieldsAndFragmentNames(ValidationContext context, FragmentDefinitionNode fragment)
    {
        if (_cache.TryGetValue(fragment.SelectionSet, out var cached))
        {
            return cached;
        }

        return GetFieldsAndFragmentNames(context, context.Schema.GetType(fragment.TypeCondition.Name.Value), fragment.SelectionSet);
    }

    private static void CollectFieldsAndFragmentNames(ValidationContext context, NamedType? parentType, SelectionSetNode selectionSet, FieldMap fieldMap, List<string> fragmentNames)
    {
        foreach (var selection in selectionSet.Selections)
        {
            switch (selection)
            {
                case FieldNode field:
                    var definition = parentType is ComplexType complex ? complex.Fields.GetValueOrDefault(field.Name.Value) : null;
                    if (!fieldMap.TryGetValue(field.ResponseName, out var list))
                    {
                        list = [];
                        fieldMap[field.ResponseName] = list;
                    }

                    list.Add(new FieldAndDefinition(parentType, field, definition));
                    break;
                case FragmentSpreadNode spread:
                    if (!fragmentNames.Contains(spread.Name.Value))
                    {
                        fragmentNames.Add(spread.Name.Value);
                    }

                    break;
                case InlineFragmentNode inline:
                    var inlineType = inline.TypeCondition is null ? parentType : context.Schema.GetType(inline.TypeCondition.Name.Value);
                    CollectFieldsAndFragmentNames(context, inlineType, inline.SelectionSet, fieldMap, fragmentNames);
                    break;
                default:
                    break;
            }
        }
    }

    private sealed class FieldMap : OrderedDictionary<string, List<FieldAndDefinition>>
    {
        public FieldMap()
            : base(StringComparer.Ordinal)
        {
        }

        public override bool Equals(object? obj) => ReferenceEquals(this, obj);

        public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
    }

    private sealed record FieldAndDefinition(NamedType? ParentType, FieldNode Node, OutputField? Definition);

    private sealed record FieldsAndFragments(FieldMap FieldMap, List<string> FragmentNames);

    private sealed record Conflict(string ResponseName, object Reason, List<FieldNode> Fields1, List<FieldNode> Fields2);
}
