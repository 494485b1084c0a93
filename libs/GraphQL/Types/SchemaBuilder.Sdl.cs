using Twins.GraphQL.Language;
using Twins.GraphQL.Types.Internal;

namespace Twins.GraphQL.Types;

/// <summary>Reading SDL documents into type declarations.</summary>
public sealed partial class SchemaBuilder
{
    private void AddDocument(DocumentNode document)
    {
        foreach (var definition in document.Definitions)
        {
            switch (definition)
            {
                case SchemaDefinitionNode schema:
                    if (schema.Description is not null)
                    {
                        _description = schema.Description.Value;
                    }

                    foreach (var operation in schema.OperationTypes)
                    {
                        _rootTypes[operation.Operation] = operation.Type.Name.Value;
                    }

                    break;
                case DirectiveDefinitionNode directive:
                    _directives.Add(directive);
                    break;
                case ScalarTypeDefinitionNode scalar:
                {
                    var config = Declare(TypeKind.Scalar, scalar);
                    config.SpecifiedByUrl ??= DirectiveArgument(scalar.Directives, "specifiedBy", "url");
                    if (config.Scalar is null)
                    {
                        config.Scalar = scalar.Name.Value switch
                        {
                            "DateTime" => BuiltInScalars.DateTime,
                            "JSON" => BuiltInScalars.Json,
                            _ => null,
                        };
                    }

                    break;
                }

                case ObjectTypeDefinitionNode obj:
                {
                    var config = Declare(TypeKind.Object, obj);
                    config.Interfaces.AddRange(obj.Interfaces.Select(i => i.Name.Value));
                    AddFields(config, obj.Fields, _errors);
                    break;
                }

                case InterfaceTypeDefinitionNode iface:
                {
                    var config = Declare(TypeKind.Interface, iface);
                    config.Interfaces.AddRange(iface.Interfaces.Select(i => i.Name.Value));
                    AddFields(config, iface.Fields, _errors);
                    break;
                }

                case UnionTypeDefinitionNode union:
                    Declare(TypeKind.Union, union).Members.AddRange(union.Types.Select(t => t.Name.Value));
                    break;
                case EnumTypeDefinitionNode enumType:
                {
                    var config = Declare(TypeKind.Enum, enumType);
                    foreach (var value in enumType.Values)
                    {
                        config.Values.Add(new EnumValueConfig(value.Name.Value)
                        {
                            Description = value.Description?.Value,
                            DeprecationReason = Deprecation(value.Directives),
                        });
                    }

                    break;
                }

                case InputObjectTypeDefinitionNode input:
                {
                    var config = Declare(TypeKind.InputObject, input);
                    config.IsOneOf |= input.Directives.Any(d => d.Name.Value == "oneOf");
                    config.InputFields.AddRange(input.Fields.Select(ToInputValue));
                    break;
                }

                default:
                    _errors.Add($"The {definition.GetType().Name.Replace("Node", "", StringComparison.Ordinal)} at line {definition.Location.Line} does not belong in a schema.");
                    break;
            }
        }
    }

    private TypeConfig Declare(TypeKind kind, TypeDefinitionNode node)
    {
        var name = node.Name.Value;
        if (!node.IsExtension && _typesByName.TryGetValue(name, out var existing) && existing.Declared && existing.Kind == kind && (existing.Fields.Any(f => f.Type is not null) || existing.Values.Count > 0 || existing.InputFields.Count > 0 || existing.Members.Count > 0))
        {
            _errors.Add($"There can be only one type named \"{name}\".");
        }

        if (node.IsExtension && !_typesByName.ContainsKey(name))
        {
            _errors.Add($"Cannot extend type \"{name}\" because it is not defined.");
        }

        var config = GetOrAdd(kind, name, true);
        if (node.Description is not null)
        {
            config.Description = node.Description.Value;
        }

        return config;
    }

    private static void AddFields(TypeConfig config, IReadOnlyList<FieldDefinitionNode> fields, List<string> errors)
    {
        foreach (var field in fields)
        {
            var fieldConfig = config.Field(field.Name.Value);
            if (fieldConfig.Type is not null)
            {
                errors.Add($"Field \"{config.Name}.{field.Name.Value}\" can only be defined once.");
            }

            fieldConfig.Description = field.Description?.Value;
            fieldConfig.Type = field.Type;
            fieldConfig.DeprecationReason = Deprecation(field.Directives);
            fieldConfig.Arguments.Clear();
            fieldConfig.Arguments.AddRange(field.Arguments.Select(ToInputValue));
            var cost = DirectiveArgument(field.Directives, "cost", "weight");
            if (cost is not null && int.TryParse(cost, System.Globalization.CultureInfo.InvariantCulture, out var weight))
            {
                fieldConfig.Cost = weight;
            }
        }
    }

    private static InputValueConfig ToInputValue(InputValueDefinitionNode node) => new(node.Name.Value)
    {
        Description = node.Description?.Value,
        Type = node.Type,
        DefaultLiteral = node.DefaultValue,
        DeprecationReason = Deprecation(node.Directives),
    };

    private static string? Deprecation(IReadOnlyList<DirectiveNode> directives)
    {
        var deprecated = directives.FirstOrDefault(d => d.Name.Value == "deprecated");
        if (deprecated is null)
        {
            return null;
        }

        var reason = deprecated.Arguments.FirstOrDefault(a => a.Name.Value == "reason");
        return reason?.Value is StringValueNode s ? s.Value : "No longer supported";
    }

    private static string? DirectiveArgument(IReadOnlyList<DirectiveNode> directives, string directive, string argument)
    {
        var node = directives.FirstOrDefault(d => d.Name.Value == directive);
        var value = node?.Arguments.FirstOrDefault(a => a.Name.Value == argument)?.Value;
        return value switch
        {
            StringValueNode s => s.Value,
            IntValueNode i => i.Value,
            _ => null,
        };
    }
}
