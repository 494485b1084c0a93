using Twins.GraphQL.Language;

namespace Twins.GraphQL.Validation.Rules;

/// <summary>5.8.4 All Variables Used.</summary>
internal sealed class NoUnusedVariablesRule : ValidationRule
{
    private readonly List<VariableDefinitionNode> _definitions = [];

    public override bool Enter(SyntaxNode node, ValidationContext context)
    {
        switch (node)
        {
            case OperationDefinitionNode:
                _definitions.Clear();
                break;
            case VariableDefinitionNode variable:
                _definitions.Add(variable);
                break;
            default:
                break;
        }

        return true;
    }

    public override void Leave(SyntaxNode node, ValidationContext context)
    {
        if (node is not OperationDefinitionNode operation)
        {
            return;
        }

        var used = new HashSet<string>(context.GetRecursiveVariableUsages(operation).Select(u => u.Node.Name.Value), StringComparer.Ordinal);
        foreach (var definition in _definitions)
        {
            var name = definition.Variable.Name.Value;
            if (!used.Contains(name))
            {
                context.Report(
                    operation.Name is null ? $"Variable \"${name}\" is never used." : $"Variable \"${name}\" is never used in operation \"{operation.Name.Value}\".",
                    definition);
            }
        }
    }
}
