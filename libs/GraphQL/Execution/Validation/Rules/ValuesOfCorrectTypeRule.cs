using Twins.GraphQL.Execution;
using Twins.GraphQL.Language;
using Twins.GraphQL.Types;

namespace Twins.GraphQL.Validation.Rules;

/// <summary>5.6.1 Values of Correct Type, 5.6.2 Input Object Field Names, 5.6.4 Input Object Required Fields, and OneOf input objects.</summary>
internal sealed class ValuesOfCorrectTypeRule : ValidationRule
{
    private readonly Dictionary<string, VariableDefinitionNode> _variables = new(StringComparer.Ordinal);

    public override bool Enter(SyntaxNode node, ValidationContext context)
    {
        switch (node)
        {
            case OperationDefinitionNode:
                _variables.Clear();
                return true;
            case VariableDefinitionNode variable:
                _variables[variable.Variable.Name.Value] = variable;
                return true;
            case ListValueNode list:
                if (context.ParentInputType?.Nullable() is not ListType)
                {
                    IsValidValueNode(context, list);
                    return false;
                }

                return true;
            case ObjectValueNode obj:
                return EnterObject(context, obj);
            case ObjectFieldNode field:
                if (context.ParentInputType?.NamedType() is InputObjectType parentType && context.InputType is null)
                {
                    var suggestions = Suggestions.List(field.Name.Value, parentType.Fields.Keys);
                    context.Report($"Field \"{field.Name.Value}\" is not defined by type \"{parentType.Name}\".{Suggestions.DidYouMean(suggestions)}", field);
                }

                return true;
            case NullValueNode nullValue:
                if (context.InputType is NonNullType nonNull)
                {
                    context.Report($"Expected value of type \"{nonNull}\", found {SyntaxPrinter.Print(nullValue)}.", nullValue);
                }

                return true;
            case EnumValueNode or IntValueNode or FloatValueNode or StringValueNode or BooleanValueNode:
                IsValidValueNode(context, (ValueNode)node);
                return true;
            default:
                return true;
        }
    }

    private bool EnterObject(ValidationContext context, ObjectValueNode node)
    {
        if (context.InputType?.NamedType() is not InputObjectType type)
        {
            IsValidValueNode(context, node);
            return false;
        }

        var fieldNodes = new Dictionary<string, ObjectFieldNode>(StringComparer.Ordinal);
        foreach (var field in node.Fields)
        {
            fieldNodes[field.Name.Value] = field;
        }

        foreach (var definition in type.Fields.Values)
        {
            if (!fieldNodes.ContainsKey(definition.Name) && definition.Type is NonNullType && !definition.HasDefaultValue)
            {
                context.Report($"Field \"{type.Name}.{definition.Name}\" of required type \"{definition.Type}\" was not provided.", node);
            }
        }

        if (type.IsOneOf)
        {
            ValidateOneOf(context, node, type, fieldNodes);
        }

        return true;
    }

    private void ValidateOneOf(ValidationContext context, ObjectValueNode node, InputObjectType type, Dictionary<string, ObjectFieldNode> fieldNodes)
    {
        if (fieldNodes.Count != 1)
        {
            context.Report($"OneOf Input Object \"{type.Name}\" must specify exactly one key.", node);
            return;
        }

        var (key, field) = fieldNodes.First();
        if (field.Value is NullValueNode)
        {
            context.Report($"Field \"{type.Name}.{key}\" must be non-null.", node);
            return;
        }

        if (field.Value is VariableNode variable
            && _variables.TryGetValue(variable.Name.Value, out var definition)
            && definition.Type is not NonNullTypeNode)
        {
            context.Report($"Variable \"{variable.Name.Value}\" must be non-nullable to be used for OneOf Input Object \"{type.Name}\".", node);
        }
    }

    private static void IsValidValueNode(ValidationContext context, ValueNode node)
    {
        var locationType = context.InputType;
        if (locationType is null)
        {
            return;
        }

        var type = locationType.NamedType();
        if (!type.IsLeaf)
        {
            context.Report($"Expected value of type \"{locationType}\", found {SyntaxPrinter.Print(node)}.", node);
            return;
        }

        try
        {
            var result = type switch
            {
                EnumType enumType => enumType.ParseLiteral(node),
                ScalarType scalar => scalar.ParseLiteral(node, null),
                _ => Undefined.Value,
            };
            if (result is Undefined)
            {
                context.Report($"Expected value of type \"{locationType}\", found {SyntaxPrinter.Print(node)}.", node);
            }
        }
        catch (GraphQLException error)
        {
            context.Report(error.Message, node);
        }
#pragma warning disable CA1031 // a custom scalar's failure is a validation error, not a crash
        catch (Exception error)
#pragma warning restore CA1031
        {
            context.Report($"Expected value of type \"{locationType}\", found {SyntaxPrinter.Print(node)}; {error.Message}", node);
        }
    }
}
