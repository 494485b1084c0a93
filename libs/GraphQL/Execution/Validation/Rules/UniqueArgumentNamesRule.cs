using Twins.GraphQL.Language;

namespace Twins.GraphQL.Validation.Rules;

/// <summary>5.4.2 Argument Uniqueness.</summary>
internal sealed class UniqueArgumentNamesRule : ValidationRule
{
    public override bool Enter(SyntaxNode node, ValidationContext context)
    {
        var arguments = node switch
        {
            FieldNode field => field.Arguments,
            DirectiveNode directive => directive.Arguments,
            _ => null,
        };
        if (arguments is { Count: > 1 })
        {
            foreach (var group in arguments.GroupBy(a => a.Name.Value, StringComparer.Ordinal))
            {
                if (group.Count() > 1)
                {
                    context.Report($"There can be only one argument named \"{group.Key}\".", group.Select(a => (SyntaxNode)a.Name).ToArray());
                }
            }
        }

        return true;
    }
}
