using Twins.GraphQL.Language;
using Twins.GraphQL.Types;

namespace Twins.GraphQL.Validation.Rules;

/// <summary>5.4.2.1 Required Arguments.</summary>
internal sealed class ProvidedRequiredArgumentsRule : ValidationRule
{
    public override void Leave(SyntaxNode node, ValidationContext context)
    {
        switch (node)
        {
            case FieldNode field when context.FieldDef is { } fieldDef:
                foreach (var argument in fieldDef.Arguments.Values)
                {
                    if (IsRequired(argument) && !field.Arguments.Any(a => a.Name.Value == argument.Name))
                    {
                        context.Report($"Field \"{fieldDef.Name}\" argument \"{argument.Name}\" of type \"{argument.Type}\" is required, but it was not provided.", field);
                    }
                }

                break;
            case DirectiveNode directive when context.Schema.Directives.TryGetValue(directive.Name.Value, out var definition):
                foreach (var argument in definition.Arguments.Values)
                {
                    if (IsRequired(argument) && !directive.Arguments.Any(a => a.Name.Value == argument.Name))
                    {
                        context.Report($"Directive \"@{directive.Name.Value}\" argument \"{argument.Name}\" of type \"{argument.Type}\" is required, but it was not provided.", directive);
                    }
                }

                break;
            default:
                break;
        }
    }

    private static bool IsRequired(InputField argument) => argument.Type is NonNullType && !argument.HasDefaultValue;
}
