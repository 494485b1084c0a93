using Twins.GraphQL.Language;

namespace Twins.GraphQL.Validation.Rules;

/// <summary>5.6.3 Input Object Field Uniqueness.</summary>
internal sealed class UniqueInputFieldNamesRule : ValidationRule
{
    private readonly Stack<Dictionary<string, NameNode>> _stack = new();
    private Dictionary<string, NameNode> _known = new(StringComparer.Ordinal);

    public override bool Enter(SyntaxNode node, ValidationContext context)
    {
        switch (node)
        {
            case ObjectValueNode:
                _stack.Push(_known);
                _known = new Dictionary<string, NameNode>(StringComparer.Ordinal);
                break;
            case ObjectFieldNode field:
                if (_known.TryGetValue(field.Name.Value, out var existing))
                {
                    context.Report($"There can be only one input field named \"{field.Name.Value}\".", existing, field.Name);
                }
                else
                {
                    _known[field.Name.Value] = field.Name;
                }

                break;
            default:
                break;
        }

        return true;
    }

    public override void Leave(SyntaxNode node, ValidationContext context)
    {
        if (node is ObjectValueNode)
        {
            _known = _stack.Pop();
        }
    }
}
