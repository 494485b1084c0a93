using Twins.GraphQL.Language;

namespace Twins.GraphQL.Validation.Rules;

/// <summary>5.7.3 Directives Are Unique Per Location.</summary>
internal sealed class UniqueDirectivesPerLocationRule : ValidationRule
{
    private readonly Dictionary<string, bool> _unique = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DirectiveNode> _schemaDirectives = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, DirectiveNode>> _typeDirectives = new(StringComparer.Ordinal);

    public override bool Enter(SyntaxNode node, ValidationContext context)
    {
        if (node is DocumentNode document)
        {
            foreach (var directive in context.Schema.Directives.Values)
            {
                _unique[directive.Name] = !directive.IsRepeatable;
            }

            foreach (var definition in document.Definitions.OfType<DirectiveDefinitionNode>())
            {
                _unique[definition.Name.Value] = !definition.Repeatable;
            }

            return true;
        }

        var directives = node switch
        {
            OperationDefinitionNode o => o.Directives,
            SelectionNode s => s.Directives,
            FragmentDefinitionNode f => f.Directives,
            VariableDefinitionNode v => v.Directives,
            SchemaDefinitionNode d => d.Directives,
            TypeDefinitionNode t => t.Directives,
            FieldDefinitionNode f => f.Directives,
            InputValueDefinitionNode i => i.Directives,
            EnumValueDefinitionNode e => e.Directives,
            _ => null,
        };
        if (directives is null || directives.Count == 0)
        {
            return true;
        }

        var seen = node switch
        {
            SchemaDefinitionNode => _schemaDirectives,
            TypeDefinitionNode type => TypeDirectives(type.Name.Value),
            _ => new Dictionary<string, DirectiveNode>(StringComparer.Ordinal),
        };
        foreach (var directive in directives)
        {
            var name = directive.Name.Value;
            if (_unique.GetValueOrDefault(name))
            {
                if (seen.TryGetValue(name, out var first))
                {
                    context.Report($"The directive \"@{name}\" can only be used once at this location.", first, directive);
                }
                else
                {
                    seen[name] = directive;
                }
            }
        }

        return true;
    }

    private Dictionary<string, DirectiveNode> TypeDirectives(string typeName)
    {
        if (!_typeDirectives.TryGetValue(typeName, out var map))
        {
            map = new Dictionary<string, DirectiveNode>(StringComparer.Ordinal);
            _typeDirectives[typeName] = map;
        }

        return map;
    }
}
