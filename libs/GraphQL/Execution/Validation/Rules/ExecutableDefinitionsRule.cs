using Twins.GraphQL.Language;

namespace Twins.GraphQL.Validation.Rules;

/// <summary>5.1.1 Executable Definitions.</summary>
internal sealed class ExecutableDefinitionsRule : ValidationRule
{
    public override bool Enter(SyntaxNode node, ValidationContext context)
    {
        if (node is not DocumentNode document)
        {
            return true;
        }

        foreach (var definition in document.Definitions)
        {
            if (definition is ExecutableDefinitionNode)
            {
                continue;
            }

            var name = definition switch
            {
                SchemaDefinitionNode => "schema",
                TypeDefinitionNode type => "\"" + type.Name.Value + "\"",
                DirectiveDefinitionNode directive => "\"" + directive.Name.Value + "\"",
                _ => "unknown",
            };
            context.Report($"The {name} definition is not executable.", definition);
        }

        return false;
    }
}
