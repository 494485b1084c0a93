using Twins.GraphQL.Language;

namespace Twins.GraphQL.Validation.Rules;

/// <summary>5.2.2.1 Lone Anonymous Operation.</summary>
internal sealed class LoneAnonymousOperationRule : ValidationRule
{
    private int _operationCount;

    public override bool Enter(SyntaxNode node, ValidationContext context)
    {
        switch (node)
        {
            case DocumentNode document:
                _operationCount = document.Definitions.Count(d => d is OperationDefinitionNode);
                return true;
            case OperationDefinitionNode operation:
                if (operation.Name is null && _operationCount > 1)
                {
                    context.Report("This anonymous operation must be the only defined operation.", operation);
                }

                return false;
            default:
                return node is not FragmentDefinitionNode;
        }
    }
}
