using Twins.GraphQL.Language;
using Twins.GraphQL.Types;

namespace Twins.GraphQL.Validation.Rules;

/// <summary>5.3.3 Leaf Field Selections.</summary>
internal sealed class ScalarLeafsRule : ValidationRule
{
    public override bool Enter(SyntaxNode node, ValidationContext context)
    {
        if (node is FieldNode field && context.Type is { } type)
        {
            var named = type.NamedType();
            if (named.IsLeaf)
            {
                if (field.SelectionSet is not null)
                {
                    context.Report($"Field \"{field.Name.Value}\" must not have a selection since type \"{type}\" has no subfields.", field.SelectionSet);
                }
            }
            else if (field.SelectionSet is null)
            {
                context.Report($"Field \"{field.Name.Value}\" of type \"{type}\" must have a selection of subfields. Did you mean \"{field.Name.Value} {{ ... }}\"?", field);
            }
        }

        return true;
    }
}
