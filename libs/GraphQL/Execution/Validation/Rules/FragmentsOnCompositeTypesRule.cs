using Twins.GraphQL.Language;

namespace Twins.GraphQL.Validation.Rules;

/// <summary>5.5.1.3 Fragments On Composite Types.</summary>
internal sealed class FragmentsOnCompositeTypesRule : ValidationRule
{
    public override bool Enter(SyntaxNode node, ValidationContext context)
    {
        switch (node)
        {
            case InlineFragmentNode { TypeCondition: { } condition }:
                if (context.Schema.GetType(condition.Name.Value) is { IsComposite: false })
                {
                    context.Report($"Fragment cannot condition on non composite type \"{condition.Name.Value}\".", condition);
                }

                break;
            case FragmentDefinitionNode fragment:
                if (context.Schema.GetType(fragment.TypeCondition.Name.Value) is { IsComposite: false })
                {
                    context.Report($"Fragment \"{fragment.Name.Value}\" cannot condition on non composite type \"{fragment.TypeCondition.Name.Value}\".", fragment.TypeCondition);
                }

                break;
            default:
                break;
        }

        return true;
    }
}
