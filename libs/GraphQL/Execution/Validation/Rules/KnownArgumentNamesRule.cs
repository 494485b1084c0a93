using Twins.GraphQL.Language;
using Twins.GraphQL.Types;

namespace Twins.GraphQL.Validation.Rules;

/// <summary>5.4.1 Argument Names (on fields and on directives).</summary>
internal sealed class KnownArgumentNamesRule : ValidationRule
{
    public override bool Enter(SyntaxNode node, ValidationContext context)
    {
        switch (node)
        {
            case ArgumentNode argument when context.Argument is null && context.FieldDef is { } fieldDef && context.ParentType is { } parentType:
                var suggestions = Suggestions.List(argument.Name.Value, fieldDef.Arguments.Keys);
                context.Report($"Unknown argument \"{argument.Name.Value}\" on field \"{parentType.Name}.{fieldDef.Name}\".{Suggestions.DidYouMean(suggestions)}", argument);
                break;
            case DirectiveNode directive:
                if (!context.Schema.Directives.TryGetValue(directive.Name.Value, out var definition))
                {
                    return false;
                }

                foreach (var argument in directive.Arguments)
                {
                    if (!definition.Arguments.ContainsKey(argument.Name.Value))
                    {
                        var directiveSuggestions = Suggestions.List(argument.Name.Value, definition.Arguments.Keys);
                        context.Report($"Unknown argument \"{argument.Name.Value}\" on directive \"@{directive.Name.Value}\".{Suggestions.DidYouMean(directiveSuggestions)}", argument);
                    }
                }

                return false;
            default:
                break;
        }

        return true;
    }
}
