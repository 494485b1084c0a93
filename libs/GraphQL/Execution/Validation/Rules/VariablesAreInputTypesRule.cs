using Twins.GraphQL.Execution;
using Twins.GraphQL.Language;
using Twins.GraphQL.Types;

namespace Twins.GraphQL.Validation.Rules;

/// <summary>5.8.2 Variables Are Input Types.</summary>
internal sealed class VariablesAreInputTypesRule : ValidationRule
{
    public override bool Enter(SyntaxNode node, ValidationContext context)
    {
        if (node is VariableDefinitionNode variable)
        {
            var type = ValueCoercion.TypeFromAst(context.Schema, variable.Type);
            if (type is not null && !type.IsInputType())
            {
                context.Report($"Variable \"${variable.Variable.Name.Value}\" cannot be non-input type \"{SyntaxPrinter.Print(variable.Type)}\".", variable.Type);
            }
        }

        return true;
    }
}
