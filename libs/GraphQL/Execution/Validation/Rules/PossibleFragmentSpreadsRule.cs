using Twins.GraphQL.Language;
using Twins.GraphQL.Types;

namespace Twins.GraphQL.Validation.Rules;

/// <summary>5.5.2.3 Fragment Spread Is Possible.</summary>
internal sealed class PossibleFragmentSpreadsRule : ValidationRule
{
    public override bool Enter(SyntaxNode node, ValidationContext context)
    {
        switch (node)
        {
            case InlineFragmentNode inline:
                var fragmentType = context.Type as NamedType;
                var parentType = context.ParentType;
                if (fragmentType is { IsComposite: true } && parentType is { IsComposite: true } && !TypesOverlap(context.Schema, fragmentType, parentType))
                {
                    context.Report($"Fragment cannot be spread here as objects of type \"{parentType.Name}\" can never be of type \"{fragmentType.Name}\".", inline);
                }

                break;
            case FragmentSpreadNode spread:
                var fragment = context.GetFragment(spread.Name.Value);
                var spreadType = fragment is null ? null : context.Schema.GetType(fragment.TypeCondition.Name.Value);
                var spreadParent = context.ParentType;
                if (spreadType is { IsComposite: true } && spreadParent is not null && !TypesOverlap(context.Schema, spreadType, spreadParent))
                {
                    context.Report($"Fragment \"{spread.Name.Value}\" cannot be spread here as objects of type \"{spreadParent.Name}\" can never be of type \"{spreadType.Name}\".", spread);
                }

                break;
            default:
                break;
        }

        return true;
    }

    private static bool TypesOverlap(Schema schema, NamedType a, NamedType b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a.IsAbstract)
        {
            return b.IsAbstract ? schema.GetPossibleTypes(a).Any(t => schema.IsSubType(b, t)) : schema.IsSubType(a, b);
        }

        return b.IsAbstract && schema.IsSubType(b, a);
    }
}
