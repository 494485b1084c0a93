using Twins.GraphQL.Language;
using Twins.GraphQL.Types;

namespace Twins.GraphQL.Validation.Rules;

/// <summary>5.3.1 Field Selections.</summary>
internal sealed class FieldsOnCorrectTypeRule : ValidationRule
{
    public override bool Enter(SyntaxNode node, ValidationContext context)
    {
        if (node is FieldNode field && context.ParentType is { } type && context.FieldDef is null)
        {
            var name = field.Name.Value;
            var suggestion = Suggestions.DidYouMean(SuggestedTypeNames(context.Schema, type, name), "to use an inline fragment on");
            if (suggestion.Length == 0)
            {
                suggestion = Suggestions.DidYouMean(type is ComplexType complex ? Suggestions.List(name, complex.Fields.Keys) : []);
            }

            context.Report($"Cannot query field \"{name}\" on type \"{type.Name}\".{suggestion}", field);
        }

        return true;
    }

    private static List<string> SuggestedTypeNames(Schema schema, NamedType type, string fieldName)
    {
        if (!type.IsAbstract)
        {
            return [];
        }

        var suggested = new List<ComplexType>();
        var usage = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var possible in schema.GetPossibleTypes(type))
        {
            if (!possible.Fields.ContainsKey(fieldName))
            {
                continue;
            }

            if (!suggested.Contains(possible))
            {
                suggested.Add(possible);
            }

            usage[possible.Name] = 1;
            foreach (var iface in possible.Interfaces)
            {
                if (!iface.Fields.ContainsKey(fieldName))
                {
                    continue;
                }

                if (!suggested.Contains(iface))
                {
                    suggested.Add(iface);
                }

                usage[iface.Name] = usage.GetValueOrDefault(iface.Name) + 1;
            }
        }

        suggested.Sort((a, b) =>
        {
            var diff = usage[b.Name] - usage[a.Name];
            if (diff != 0)
            {
                return diff;
            }

            if (a is InterfaceType && schema.IsSubType(a, b))
            {
                return -1;
            }

            if (b is InterfaceType && schema.IsSubType(b, a))
            {
                return 1;
            }

            return Suggestions.NaturalCompare(a.Name, b.Name);
        });
        return suggested.Select(t => t.Name).ToList();
    }
}
