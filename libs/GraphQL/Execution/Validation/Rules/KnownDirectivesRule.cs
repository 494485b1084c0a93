using Twins.GraphQL.Language;

namespace Twins.GraphQL.Validation.Rules;

/// <summary>5.7.1 Directives Are Defined, 5.7.2 Directives Are In Valid Locations.</summary>
internal sealed class KnownDirectivesRule : ValidationRule
{
    private readonly Dictionary<string, IReadOnlyList<string>> _locations = new(StringComparer.Ordinal);

    public override bool Enter(SyntaxNode node, ValidationContext context)
    {
        if (node is DocumentNode document)
        {
            foreach (var directive in context.Schema.Directives.Values)
            {
                _locations[directive.Name] = directive.Locations;
            }

            foreach (var definition in document.Definitions.OfType<DirectiveDefinitionNode>())
            {
                _locations[definition.Name.Value] = definition.Locations.Select(l => l.Value).ToList();
            }

            return true;
        }

        if (node is not DirectiveNode directiveNode)
        {
            return true;
        }

        var name = directiveNode.Name.Value;
        if (!_locations.TryGetValue(name, out var locations))
        {
            context.Report($"Unknown directive \"@{name}\".", directiveNode);
            return true;
        }

        var ancestors = context.Walker!.Ancestors;
        var owner = ancestors.Count > 0 ? ancestors[^1] : null;
        var location = owner switch
        {
            OperationDefinitionNode operation => SyntaxPrinter.OperationName(operation.Operation).ToUpperInvariant(),
            FieldNode => "FIELD",
            FragmentSpreadNode => "FRAGMENT_SPREAD",
            InlineFragmentNode => "INLINE_FRAGMENT",
            FragmentDefinitionNode => "FRAGMENT_DEFINITION",
            VariableDefinitionNode => "VARIABLE_DEFINITION",
            SchemaDefinitionNode => "SCHEMA",
            ScalarTypeDefinitionNode => "SCALAR",
            ObjectTypeDefinitionNode => "OBJECT",
            FieldDefinitionNode => "FIELD_DEFINITION",
            InterfaceTypeDefinitionNode => "INTERFACE",
            UnionTypeDefinitionNode => "UNION",
            EnumTypeDefinitionNode => "ENUM",
            EnumValueDefinitionNode => "ENUM_VALUE",
            InputObjectTypeDefinitionNode => "INPUT_OBJECT",
            InputValueDefinitionNode => ancestors.Count > 1 && ancestors[^2] is InputObjectTypeDefinitionNode ? "INPUT_FIELD_DEFINITION" : "ARGUMENT_DEFINITION",
            _ => null,
        };
        if (location is not null && !locations.Contains(location))
        {
            context.Report($"Directive \"@{name}\" may not be used on {location}.", directiveNode);
        }

        return true;
    }
}
