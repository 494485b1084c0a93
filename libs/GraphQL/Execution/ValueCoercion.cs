using System.Collections;
using System.Text;
using Twins.GraphQL.Language;
using Twins.GraphQL.Types;

namespace Twins.GraphQL.Execution;

/// <summary>Input coercion of the specification (graphql-js coerceInputValue, valueFromAST, getArgumentValues).</summary>
internal static class ValueCoercion
{
    public delegate void InputErrorHandler(IReadOnlyList<object> path, object? invalidValue, string message);

    /// <summary>Coerces a plain input value (from JSON variables) to <paramref name="type"/>.</summary>
    public static object? CoerceInputValue(object? input, IGraphQLType type, InputErrorHandler onError, List<object>? path = null)
    {
        path ??= [];
        if (type is NonNullType nonNull)
        {
            if (input is not null)
            {
                return CoerceInputValue(input, nonNull.OfType, onError, path);
            }

            onError(path, input, $"Expected non-nullable type \"{type}\" not to be null.");
            return Undefined.Value;
        }

        if (input is null)
        {
            return null;
        }

        if (type is ListType list)
        {
            if (input is IList items)
            {
                var result = new List<object?>(items.Count);
                for (var i = 0; i < items.Count; i++)
                {
                    path.Add(i);
                    result.Add(CoerceInputValue(items[i], list.OfType, onError, path));
                    path.RemoveAt(path.Count - 1);
                }

                return result;
            }

            return new List<object?> { CoerceInputValue(input, list.OfType, onError, path) };
        }

        if (type is InputObjectType inputObject)
        {
            if (input is not IDictionary<string, object?> map)
            {
                onError(path, input, $"Expected type \"{inputObject.Name}\" to be an object.");
                return Undefined.Value;
            }

            var coerced = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var field in inputObject.Fields.Values)
            {
                if (!map.TryGetValue(field.Name, out var fieldValue))
                {
                    if (field.DefaultValue is not Undefined)
                    {
                        coerced[field.Name] = field.DefaultValue;
                    }
                    else if (field.Type is NonNullType)
                    {
                        onError(path, input, $"Field \"{field.Name}\" of required type \"{field.Type}\" was not provided.");
                    }

                    continue;
                }

                path.Add(field.Name);
                coerced[field.Name] = CoerceInputValue(fieldValue, field.Type, onError, path);
                path.RemoveAt(path.Count - 1);
            }

            foreach (var key in map.Keys)
            {
                if (!inputObject.Fields.ContainsKey(key))
                {
                    onError(path, input, $"Field \"{key}\" is not defined by type \"{inputObject.Name}\".{Suggestions.DidYouMean(Suggestions.List(key, inputObject.Fields.Keys))}");
                }
            }

            if (inputObject.IsOneOf)
            {
                if (coerced.Count != 1)
                {
                    onError(path, input, $"Exactly one key must be specified for OneOf type \"{inputObject.Name}\".");
                }
                else
                {
                    var (key, value) = coerced.First();
                    if (value is null)
                    {
                        path.Add(key);
                        onError(path, null, $"Field \"{key}\" must be non-null.");
                        path.RemoveAt(path.Count - 1);
                    }
                }
            }

            return coerced;
        }

        try
        {
            var parsed = type switch
            {
                EnumType enumType => enumType.ParseValue(input),
                ScalarType scalar => scalar.ParseValue(input),
                _ => Undefined.Value,
            };
            if (parsed is null or Undefined)
            {
                onError(path, input, $"Expected type \"{((NamedType)type).Name}\".");
                return Undefined.Value;
            }

            return parsed;
        }
        catch (GraphQLException error)
        {
            onError(path, input, error.Message);
            return Undefined.Value;
        }
#pragma warning disable CA1031 // a custom scalar's failure becomes a coercion error, as graphql-js does
        catch (Exception error)
#pragma warning restore CA1031
        {
            onError(path, input, $"Expected type \"{((NamedType)type).Name}\". {error.Message}");
            return Undefined.Value;
        }
    }

    /// <summary>Coerces a literal (valueFromAST); <see cref="Undefined.Value"/> means invalid.</summary>
    public static object? ValueFromLiteral(ValueNode? node, IGraphQLType type, IReadOnlyDictionary<string, object?>? variables)
    {
        if (node is null)
        {
            return Undefined.Value;
        }

        if (node is VariableNode variable)
        {
            if (variables is null || !variables.TryGetValue(variable.Name.Value, out var value) || value is Undefined)
            {
                return Undefined.Value;
            }

            return value is null && type is NonNullType ? Undefined.Value : value;
        }

        if (type is NonNullType nonNull)
        {
            return node is NullValueNode ? Undefined.Value : ValueFromLiteral(node, nonNull.OfType, variables);
        }

        if (node is NullValueNode)
        {
            return null;
        }

        if (type is ListType list)
        {
            if (node is ListValueNode listNode)
            {
                var result = new List<object?>(listNode.Values.Count);
                foreach (var item in listNode.Values)
                {
                    if (IsMissingVariable(item, variables))
                    {
                        if (list.OfType is NonNullType)
                        {
                            return Undefined.Value;
                        }

                        result.Add(null);
                    }
                    else
                    {
                        var itemValue = ValueFromLiteral(item, list.OfType, variables);
                        if (itemValue is Undefined)
                        {
                            return Undefined.Value;
                        }

                        result.Add(itemValue);
                    }
                }

                return result;
            }

            var single = ValueFromLiteral(node, list.OfType, variables);
            return single is Undefined ? single : new List<object?> { single };
        }

        if (type is InputObjectType inputObject)
        {
            if (node is not ObjectValueNode objectNode)
            {
                return Undefined.Value;
            }

            var coerced = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var field in inputObject.Fields.Values)
            {
                var fieldNode = objectNode.Fields.FirstOrDefault(f => f.Name.Value == field.Name);
                if (fieldNode is null || IsMissingVariable(fieldNode.Value, variables))
                {
                    if (field.DefaultValue is not Undefined)
                    {
                        coerced[field.Name] = field.DefaultValue;
                    }
                    else if (field.Type is NonNullType)
                    {
                        return Undefined.Value;
                    }

                    continue;
                }

                var fieldValue = ValueFromLiteral(fieldNode.Value, field.Type, variables);
                if (fieldValue is Undefined)
                {
                    return Undefined.Value;
                }

                coerced[field.Name] = fieldValue;
            }

            if (inputObject.IsOneOf && (coerced.Count != 1 || coerced.First().Value is null))
            {
                return Undefined.Value;
            }

            return coerced;
        }

        try
        {
            var parsed = type switch
            {
                EnumType enumType => enumType.ParseLiteral(node),
                ScalarType scalar => scalar.ParseLiteral(node, variables),
                _ => Undefined.Value,
            };
            return parsed ?? Undefined.Value;
        }
#pragma warning disable CA1031 // an invalid literal is reported by the caller
        catch (Exception)
#pragma warning restore CA1031
        {
            return Undefined.Value;
        }
    }

    public static object? CoerceDefault(InputField field) => ValueFromLiteral(field.DefaultLiteral, field.Type, null);

    /// <summary>Coerces a field's or directive's arguments (graphql-js getArgumentValues).</summary>
    public static Dictionary<string, object?> ArgumentValues(IReadOnlyDictionary<string, InputField> definitions, IReadOnlyList<ArgumentNode> nodes, IReadOnlyDictionary<string, object?> variables, SyntaxNode owner)
    {
        var coerced = new Dictionary<string, object?>(definitions.Count, StringComparer.Ordinal);
        foreach (var definition in definitions.Values)
        {
            ArgumentNode? argument = null;
            for (var i = 0; i < nodes.Count; i++)
            {
                if (nodes[i].Name.Value == definition.Name)
                {
                    argument = nodes[i];
                    break;
                }
            }

            if (argument is null)
            {
                if (definition.DefaultValue is not Undefined)
                {
                    coerced[definition.Name] = definition.DefaultValue;
                }
                else if (definition.Type is NonNullType)
                {
                    throw new LocatedException($"Argument \"{definition.Name}\" of required type \"{definition.Type}\" was not provided.", owner);
                }

                continue;
            }

            var valueNode = argument.Value;
            var isNull = valueNode is NullValueNode;
            if (valueNode is VariableNode variable)
            {
                if (!variables.TryGetValue(variable.Name.Value, out var variableValue))
                {
                    if (definition.DefaultValue is not Undefined)
                    {
                        coerced[definition.Name] = definition.DefaultValue;
                    }
                    else if (definition.Type is NonNullType)
                    {
                        throw new LocatedException($"Argument \"{definition.Name}\" of required type \"{definition.Type}\" was provided the variable \"${variable.Name.Value}\" which was not provided a runtime value.", valueNode);
                    }

                    continue;
                }

                isNull = variableValue is null;
            }

            if (isNull && definition.Type is NonNullType)
            {
                throw new LocatedException($"Argument \"{definition.Name}\" of non-null type \"{definition.Type}\" must not be null.", valueNode);
            }

            var value = ValueFromLiteral(valueNode, definition.Type, variables);
            if (value is Undefined)
            {
                throw new LocatedException($"Argument \"{definition.Name}\" has invalid value {SyntaxPrinter.Print(valueNode)}.", valueNode);
            }

            coerced[definition.Name] = value;
        }

        return coerced;
    }

    /// <summary>Coerces the operation's variables (graphql-js coerceVariableValues).</summary>
    public static Dictionary<string, object?> VariableValues(Schema schema, OperationDefinitionNode operation, IReadOnlyDictionary<string, object?>? inputs, List<GraphQLError> errors)
    {
        var coerced = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var definition in operation.VariableDefinitions)
        {
            var name = definition.Variable.Name.Value;
            var type = TypeFromAst(schema, definition.Type);
            if (type is null || !type.IsInputType())
            {
                errors.Add(Error($"Variable \"${name}\" expected value of type \"{SyntaxPrinter.Print(definition.Type)}\" which cannot be used as an input type.", definition.Type));
                continue;
            }

            if (inputs is null || !inputs.TryGetValue(name, out var input))
            {
                if (definition.DefaultValue is not null)
                {
                    coerced[name] = ValueFromLiteral(definition.DefaultValue, type, null);
                }
                else if (type is NonNullType)
                {
                    errors.Add(Error($"Variable \"${name}\" of required type \"{type}\" was not provided.", definition));
                }

                continue;
            }

            if (input is null && type is NonNullType)
            {
                errors.Add(Error($"Variable \"${name}\" of non-null type \"{type}\" must not be null.", definition));
                continue;
            }

            coerced[name] = CoerceInputValue(input, type, (path, invalid, message) =>
            {
                var prefix = $"Variable \"${name}\" got invalid value {JsValues.Inspect(invalid)}";
                if (path.Count > 0)
                {
                    prefix += $" at \"{name}{PrintPath(path)}\"";
                }

                errors.Add(Error(prefix + "; " + message, definition));
            });
            if (errors.Count >= 50)
            {
                errors.Add(new GraphQLError("Too many errors processing variables, error limit reached. Execution aborted."));
                break;
            }
        }

        return coerced;
    }

    public static IGraphQLType? TypeFromAst(Schema schema, TypeNode node) => node switch
    {
        NamedTypeNode named => schema.GetType(named.Name.Value),
        ListTypeNode list => TypeFromAst(schema, list.Type) is { } item ? new ListType(item) : null,
        NonNullTypeNode nonNull => TypeFromAst(schema, nonNull.Type) is { } inner and not NonNullType ? new NonNullType(inner) : null,
        _ => null,
    };

    private static string PrintPath(IReadOnlyList<object> path)
    {
        var builder = new StringBuilder();
        foreach (var key in path)
        {
            builder.Append(key is int index ? $"[{index}]" : "." + key);
        }

        return builder.ToString();
    }

    private static bool IsMissingVariable(ValueNode node, IReadOnlyDictionary<string, object?>? variables) =>
        node is VariableNode variable && (variables is null || !variables.TryGetValue(variable.Name.Value, out var value) || value is Undefined);

    private static GraphQLError Error(string message, SyntaxNode node) =>
        new(message, [new ErrorLocation(node.Location.Line, node.Location.Column)], null, ErrorExtensions.Code(ErrorCodes.BadUserInput));
}
