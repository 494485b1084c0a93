using Twins.GraphQL.Language;

namespace Twins.GraphQL.Validation;

/// <summary>
/// One validation rule. The walker calls <see cref="Enter"/> and <see cref="Leave"/> for every node, after
/// updating the type information on enter and before restoring it on leave, like graphql-js's
/// visitWithTypeInfo; returning false from <see cref="Enter"/> skips the node's children for this rule.
/// </summary>
internal abstract class ValidationRule
{
    public virtual bool Enter(SyntaxNode node, ValidationContext context) => true;

    public virtual void Leave(SyntaxNode node, ValidationContext context)
    {
    }
}
