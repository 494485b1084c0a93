using Twins.GraphQL.Language;

namespace Twins.GraphQL.Validation.Rules;

/// <summary>5.8.3 All Variable Uses Defined.</summary>
internal sealed class NoUndefinedVariablesRule : ValidationRule
{
    private readonly HashSet<string> _defined = new(StringComparer.Ordinal);

    public override bool Enter(SyntaxNode node, ValidationContext context)
    {
        switch (node)
        {
            case OperationDefinitionNode:
                _defined.Clear();
                break;
            case VariableDefinitionNode variable:
                _defined.Add(variable.Variable.Name.Value);
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

        foreach (var usage in context.GetRecursiveVariableUsages(operation))
        {
            var name = usage.Node.Name.Value;
            if (!_defined.Contains(name))
            {
                context.Report(
                    operation.Name is null ? $"Variable \"${name}\" is not defined." : $"Variable \"${name}\" is not defined by operation \"{operation.Name.Value}\".",
                    usage.Node,
                    operation);
            }
        }
    }
}
