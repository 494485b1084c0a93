using Twins.GraphQL.Language;

namespace Twins.GraphQL.Validation;

/// <summary>Walks executable definitions depth-first in graphql-js's key order, running rules in parallel.</summary>
internal sealed class DocumentWalker(TypeInfo typeInfo, IReadOnlyList<ValidationRule> rules, ValidationContext context)
{
    private readonly SyntaxNode?[] _skipping = new SyntaxNode?[rules.Count];
    private readonly List<SyntaxNode> _ancestors = [];

    public IReadOnlyList<SyntaxNode> Ancestors => _ancestors;

    public void Walk(SyntaxNode node)
    {
        typeInfo.Enter(node);
        for (var i = 0; i < rules.Count; i++)
        {
            if (_skipping[i] is null && !rules[i].Enter(node, context))
            {
                _skipping[i] = node;
            }
        }

        _ancestors.Add(node);
        foreach (var child in Children(node))
        {
            Walk(child);
        }

        _ancestors.RemoveAt(_ancestors.Count - 1);
        for (var i = 0; i < rules.Count; i++)
        {
            if (_skipping[i] is null)
            {
                rules[i].Leave(node, context);
            }
            else if (ReferenceEquals(_skipping[i], node))
            {
                _skipping[i] = null;
            }
        }

        typeInfo.Leave(node);
    }

    private static IEnumerable<SyntaxNode> Children(SyntaxNode node)
    {
        switch (node)
        {
            case DocumentNode document:
                foreach (var definition in document.Definitions)
                {
                    yield return definition;
                }

                break;
            case SchemaDefinitionNode schemaDefinition:
                foreach (var directive in schemaDefinition.Directives)
                {
                    yield return directive;
                }

                foreach (var operationType in schemaDefinition.OperationTypes)
                {
                    yield return operationType.Type;
                }

                break;
            case ObjectTypeDefinitionNode objectType:
                foreach (var child in TypeSystemChildren(objectType.Interfaces, objectType.Directives, objectType.Fields))
                {
                    yield return child;
                }

                break;
            case InterfaceTypeDefinitionNode interfaceType:
                foreach (var child in TypeSystemChildren(interfaceType.Interfaces, interfaceType.Directives, interfaceType.Fields))
                {
                    yield return child;
                }

                break;
            case UnionTypeDefinitionNode union:
                foreach (var child in union.Directives.Concat<SyntaxNode>(union.Types))
                {
                    yield return child;
                }

                break;
            case EnumTypeDefinitionNode enumType:
                foreach (var child in enumType.Directives.Concat<SyntaxNode>(enumType.Values))
                {
                    yield return child;
                }

                break;
            case EnumValueDefinitionNode enumValue:
                foreach (var directive in enumValue.Directives)
                {
                    yield return directive;
                }

                break;
            case InputObjectTypeDefinitionNode inputType:
                foreach (var child in inputType.Directives.Concat<SyntaxNode>(inputType.Fields))
                {
                    yield return child;
                }

                break;
            case ScalarTypeDefinitionNode scalar:
                foreach (var directive in scalar.Directives)
                {
                    yield return directive;
                }

                break;
            case FieldDefinitionNode fieldDefinition:
                foreach (var argument in fieldDefinition.Arguments)
                {
                    yield return argument;
                }

                foreach (var typeNode in TypeNodes(fieldDefinition.Type))
                {
                    yield return typeNode;
                }

                foreach (var directive in fieldDefinition.Directives)
                {
                    yield return directive;
                }

                break;
            case InputValueDefinitionNode inputValue:
                foreach (var typeNode in TypeNodes(inputValue.Type))
                {
                    yield return typeNode;
                }

                foreach (var directive in inputValue.Directives)
                {
                    yield return directive;
                }

                break;
            case DirectiveDefinitionNode directiveDefinition:
                foreach (var argument in directiveDefinition.Arguments)
                {
                    yield return argument;
                }

                break;
            case OperationDefinitionNode operation:
                foreach (var variable in operation.VariableDefinitions)
                {
                    yield return variable;
                }

                foreach (var directive in operation.Directives)
                {
                    yield return directive;
                }

                yield return operation.SelectionSet;
                break;
            case VariableDefinitionNode variable:
                yield return variable.Variable;
                foreach (var typeNode in TypeNodes(variable.Type))
                {
                    yield return typeNode;
                }

                if (variable.DefaultValue is not null)
                {
                    yield return variable.DefaultValue;
                }

                foreach (var directive in variable.Directives)
                {
                    yield return directive;
                }

                break;
            case SelectionSetNode selectionSet:
                foreach (var selection in selectionSet.Selections)
                {
                    yield return selection;
                }

                break;
            case FieldNode field:
                foreach (var argument in field.Arguments)
                {
                    yield return argument;
                }

                foreach (var directive in field.Directives)
                {
                    yield return directive;
                }

                if (field.SelectionSet is not null)
                {
                    yield return field.SelectionSet;
                }

                break;
            case ArgumentNode argument:
                yield return argument.Value;
                break;
            case FragmentSpreadNode spread:
                foreach (var directive in spread.Directives)
                {
                    yield return directive;
                }

                break;
            case InlineFragmentNode inline:
                if (inline.TypeCondition is not null)
                {
                    yield return inline.TypeCondition;
                }

                foreach (var directive in inline.Directives)
                {
                    yield return directive;
                }

                yield return inline.SelectionSet;
                break;
            case FragmentDefinitionNode fragment:
                yield return fragment.TypeCondition;
                foreach (var directive in fragment.Directives)
                {
                    yield return directive;
                }

                yield return fragment.SelectionSet;
                break;
            case ListValueNode list:
                foreach (var value in list.Values)
                {
                    yield return value;
                }

                break;
            case ObjectValueNode obj:
                foreach (var field in obj.Fields)
                {
                    yield return field;
                }

                break;
            case ObjectFieldNode objectField:
                yield return objectField.Value;
                break;
            case DirectiveNode directive:
                foreach (var argument in directive.Arguments)
                {
                    yield return argument;
                }

                break;
            default:
                break;
        }
    }

    private static IEnumerable<SyntaxNode> TypeSystemChildren(IReadOnlyList<NamedTypeNode> interfaces, IReadOnlyList<DirectiveNode> directives, IReadOnlyList<FieldDefinitionNode> fields) =>
        interfaces.Concat<SyntaxNode>(directives).Concat(fields);

    private static IEnumerable<SyntaxNode> TypeNodes(TypeNode type)
    {
        yield return type;
        var inner = type switch
        {
            ListTypeNode list => list.Type,
            NonNullTypeNode nonNull => nonNull.Type,
            _ => null,
        };
        if (inner is not null)
        {
            foreach (var node in TypeNodes(inner))
            {
                yield return node;
            }
        }
    }
}
