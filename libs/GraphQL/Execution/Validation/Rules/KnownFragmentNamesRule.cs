using Twins.GraphQL.Language;

namespace Twins.GraphQL.Validation.Rules;

/// <summary>5.5.2.1 Fragment Spread Target Defined.</summary>
internal sealed class KnownFragmentNamesRule : ValidationRule
{
    public override bool Enter(SyntaxNode node, ValidationContext context)
    {
        if (node is FragmentSpreadNode spread && context.GetFragment(spread.Name.Value) is null)
        {
            context.Report($"Unknown fragment \"{spread.Name.Value}\".", spread.Name);
        }

        return true;
    }
}
