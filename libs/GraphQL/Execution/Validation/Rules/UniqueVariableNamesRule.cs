using Twins.GraphQL.Language;

namespace Twins.GraphQL.Validation.Rules;

/// <summary>5.8.1 Variable Uniqueness.</summary>
internal sealed class UniqueVariableNamesRule : ValidationRule
{
    public override bool Enter(SyntaxNode node, ValidationContext context)
    {
        if (node is OperationDefinitionNode operation)
        {
            foreach (var group in operation.VariableDefinitions.GroupBy(v => v.Variable.Name.Value, StringComparer.Ordinal))
            {
                if (group.Count() > 1)
                {
                    context.Report($"There can be only one variable named \"${group.Key}\".", group.Select(v => (SyntaxNode)v.Variable.Name).ToArray());
                }
            }
        }

        return true;
    }
}
