using Twins.GraphQL.Execution;
using Twins.GraphQL.Language;
using Twins.GraphQL.Types;

namespace Twins.GraphQL.Validation.Rules;

/// <summary>5.8.5 All Variable Usages Are Allowed.</summary>
internal sealed class VariablesInAllowedPositionRule : ValidationRule
{
    private readonly Dictionary<string, VariableDefinitionNode> _definitions = new(StringComparer.Ordinal);

    public override bool Enter(SyntaxNode node, ValidationContext context)
    {
        switch (node)
        {
            case OperationDefinitionNode:
                _definitions.Clear();
                break;
            case VariableDefinitionNode variable:
                _definitions[variable.Variable.Name.Value] = variable;
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
            if (!_definitions.TryGetValue(name, out var definition) || usage.Type is null)
            {
                continue;
            }

            var variableType = ValueCoercion.TypeFromAst(context.Schema, definition.Type);
            if (variableType is null)
            {
                continue;
            }

            if (!AllowedUsage(context.Schema, variableType, definition.DefaultValue, usage.Type, usage.DefaultValue))
            {
                context.Report($"Variable \"${name}\" of type \"{variableType}\" used in position expecting type \"{usage.Type}\".", definition, usage.Node);
            }

            if (usage.ParentType is InputObjectType { IsOneOf: true } oneOf && variableType is not NonNullType)
            {
                context.Report($"Variable \"${name}\" is of type \"{variableType}\" but must be non-nullable to be used for OneOf Input Object \"{oneOf.Name}\".", definition, usage.Node);
            }
        }
    }

    private static bool AllowedUsage(Schema schema, IGraphQLType variableType, ValueNode? variableDefault, IGraphQLType locationType, object? locationDefault)
    {
        if (locationType is NonNullType nonNull && variableType is not NonNullType)
        {
            var hasNonNullVariableDefault = variableDefault is not null and not NullValueNode;
            var hasLocationDefault = locationDefault is not Undefined;
            if (!hasNonNullVariableDefault && !hasLocationDefault)
            {
                return false;
            }

            return IsSubTypeOf(schema, variableType, nonNull.OfType);
        }

        return IsSubTypeOf(schema, variableType, locationType);
    }

    internal static bool IsSubTypeOf(Schema schema, IGraphQLType maybeSub, IGraphQLType super)
    {
        if (maybeSub.IsEqualType(super))
        {
            return true;
        }

        if (super is NonNullType superNonNull)
        {
            return maybeSub is NonNullType subNonNull && IsSubTypeOf(schema, subNonNull.OfType, superNonNull.OfType);
        }

        if (maybeSub is NonNullType nonNull)
        {
            return IsSubTypeOf(schema, nonNull.OfType, super);
        }

        if (super is ListType superList)
        {
            return maybeSub is ListType subList && IsSubTypeOf(schema, subList.OfType, superList.OfType);
        }

        if (maybeSub is ListType)
        {
            return false;
        }

        return super is NamedType { IsAbstract: true } abstractType && maybeSub is ComplexType complex && schema.IsSubType(abstractType, complex);
    }
}
