using Twins.GraphQL.Execution;
using Twins.GraphQL.Language;
using Twins.GraphQL.Types;

namespace Twins.GraphQL.Validation;

/// <summary>Tracks the schema types at the current position of a walk (graphql-js TypeInfo).</summary>
internal sealed class TypeInfo(Schema schema)
{
    private readonly List<IGraphQLType?> _typeStack = [];
    private readonly List<NamedType?> _parentTypeStack = [];
    private readonly List<IGraphQLType?> _inputTypeStack = [];
    private readonly List<OutputField?> _fieldDefStack = [];
    private readonly List<object?> _defaultValueStack = [];

    public Schema Schema { get; } = schema;

    public DirectiveType? Directive { get; private set; }

    public InputField? Argument { get; private set; }

    public EnumValue? EnumValue { get; private set; }

    public IGraphQLType? Type => _typeStack.Count > 0 ? _typeStack[^1] : null;

    public NamedType? ParentType => _parentTypeStack.Count > 0 ? _parentTypeStack[^1] : null;

    public IGraphQLType? InputType => _inputTypeStack.Count > 0 ? _inputTypeStack[^1] : null;

    public IGraphQLType? ParentInputType => _inputTypeStack.Count > 1 ? _inputTypeStack[^2] : null;

    public OutputField? FieldDef => _fieldDefStack.Count > 0 ? _fieldDefStack[^1] : null;

    public object? DefaultValue => _defaultValueStack.Count > 0 ? _defaultValueStack[^1] : Undefined.Value;

    public void Enter(SyntaxNode node)
    {
        switch (node)
        {
            case SelectionSetNode:
                var named = Type?.NamedType();
                _parentTypeStack.Add(named is { IsComposite: true } ? named : null);
                break;
            case FieldNode field:
                var parent = ParentType;
                var fieldDef = parent is null ? null : Schema.GetField(parent, field.Name.Value);
                _fieldDefStack.Add(fieldDef);
                _typeStack.Add(fieldDef is not null && fieldDef.Type.IsOutputType() ? fieldDef.Type : null);
                break;
            case DirectiveNode directive:
                Directive = Schema.Directives.GetValueOrDefault(directive.Name.Value);
                break;
            case OperationDefinitionNode operation:
                _typeStack.Add(operation.Operation switch
                {
                    OperationType.Query => Schema.QueryType,
                    OperationType.Mutation => Schema.MutationType,
                    _ => Schema.SubscriptionType,
                });
                break;
            case InlineFragmentNode inline:
                var inlineType = inline.TypeCondition is not null ? Schema.GetType(inline.TypeCondition.Name.Value) : Type?.NamedType();
                _typeStack.Add(inlineType is { IsOutputType: true } ? inlineType : null);
                break;
            case FragmentDefinitionNode fragment:
                var fragmentType = Schema.GetType(fragment.TypeCondition.Name.Value);
                _typeStack.Add(fragmentType is { IsOutputType: true } ? fragmentType : null);
                break;
            case VariableDefinitionNode variable:
                var inputType = ValueCoercion.TypeFromAst(Schema, variable.Type);
                _inputTypeStack.Add(inputType is not null && inputType.IsInputType() ? inputType : null);
                break;
            case ArgumentNode argument:
                InputField? argDef = null;
                var arguments = Directive?.Arguments ?? FieldDef?.Arguments;
                if (arguments is not null)
                {
                    argDef = arguments.GetValueOrDefault(argument.Name.Value);
                }

                Argument = argDef;
                _defaultValueStack.Add(argDef is null ? Undefined.Value : argDef.DefaultValue);
                _inputTypeStack.Add(argDef is not null && argDef.Type.IsInputType() ? argDef.Type : null);
                break;
            case ListValueNode:
                var listType = InputType?.Nullable();
                var itemType = listType is ListType list ? list.OfType : listType;
                _defaultValueStack.Add(Undefined.Value);
                _inputTypeStack.Add(itemType is not null && itemType.IsInputType() ? itemType : null);
                break;
            case ObjectFieldNode objectField:
                var objectType = InputType?.NamedType();
                IGraphQLType? fieldType = null;
                object? fieldDefault = Undefined.Value;
                if (objectType is InputObjectType inputObject && inputObject.Fields.TryGetValue(objectField.Name.Value, out var inputField))
                {
                    fieldType = inputField.Type;
                    fieldDefault = inputField.DefaultValue;
                }

                _defaultValueStack.Add(fieldDefault);
                _inputTypeStack.Add(fieldType is not null && fieldType.IsInputType() ? fieldType : null);
                break;
            case EnumValueNode enumValue:
                EnumValue = InputType?.NamedType() is EnumType enumType ? enumType.GetValue(enumValue.Value) : null;
                break;
            default:
                break;
        }
    }

    public void Leave(SyntaxNode node)
    {
        switch (node)
        {
            case SelectionSetNode:
                Pop(_parentTypeStack);
                break;
            case FieldNode:
                Pop(_fieldDefStack);
                Pop(_typeStack);
                break;
            case DirectiveNode:
                Directive = null;
                break;
            case OperationDefinitionNode:
            case InlineFragmentNode:
            case FragmentDefinitionNode:
                Pop(_typeStack);
                break;
            case VariableDefinitionNode:
                Pop(_inputTypeStack);
                break;
            case ArgumentNode:
                Argument = null;
                Pop(_defaultValueStack);
                Pop(_inputTypeStack);
                break;
            case ListValueNode:
            case ObjectFieldNode:
                Pop(_defaultValueStack);
                Pop(_inputTypeStack);
                break;
            case EnumValueNode:
                EnumValue = null;
                break;
            default:
                break;
        }
    }

    private static void Pop<T>(List<T> stack)
    {
        if (stack.Count > 0)
        {
            stack.RemoveAt(stack.Count - 1);
        }
    }
}
