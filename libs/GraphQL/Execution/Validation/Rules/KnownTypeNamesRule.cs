using Twins.GraphQL.Language;
using Twins.GraphQL.Types;

namespace Twins.GraphQL.Validation.Rules;

/// <summary>5.5.1.2 / 5.8.3 Fragment Spread Type Existence and variable types: named types must exist.</summary>
internal sealed class KnownTypeNamesRule : ValidationRule
{
    private readonly HashSet<string> _defined = new(StringComparer.Ordinal);

    public override bool Enter(SyntaxNode node, ValidationContext context)
    {
        if (node is DocumentNode document)
        {
            foreach (var definition in document.Definitions)
            {
                if (definition is TypeDefinitionNode { IsExtension: false } type)
                {
                    _defined.Add(type.Name.Value);
                }
            }
        }
        else if (node is NamedTypeNode named && context.Schema.GetType(named.Name.Value) is null && !_defined.Contains(named.Name.Value))
        {
            var suggestions = Suggestions.List(named.Name.Value, context.Schema.Types.Keys.Concat(_defined));
            context.Report($"Unknown type \"{named.Name.Value}\".{Suggestions.DidYouMean(suggestions)}", named);
        }

        return true;
    }
}
