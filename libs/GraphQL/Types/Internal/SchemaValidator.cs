namespace Twins.GraphQL.Types.Internal;

/// <summary>The type-system validation rules of the specification, with graphql-js's messages.</summary>
internal static class SchemaValidator
{
    public static void Validate(IEnumerable<NamedType> types, List<string> errors)
    {
        foreach (var type in types)
        {
            if (type.Name.StartsWith("__", StringComparison.Ordinal))
            {
                continue;
            }

            switch (type)
            {
                case ComplexType complex:
                    ValidateFields(complex, errors);
                    ValidateInterfaces(complex, errors);
                    break;
                case UnionType union when union.Types.Count == 0:
                    errors.Add($"Union type {union.Name} must define one or more member types.");
                    break;
                case EnumType enumType when enumType.Values.Count == 0:
                    errors.Add($"Enum type {enumType.Name} must define one or more values.");
                    break;
                case InputObjectType input:
                    ValidateInputObject(input, errors);
                    break;
                default:
                    break;
            }
        }
    }

    private static void ValidateFields(ComplexType type, List<string> errors)
    {
        if (type.Fields.Count == 0)
        {
            errors.Add($"Type {type.Name} must define one or more fields.");
        }

        foreach (var field in type.Fields.Values)
        {
            if (field.Name.StartsWith("__", StringComparison.Ordinal))
            {
                errors.Add($"Name \"{field.Name}\" must not begin with \"__\", which is reserved by GraphQL introspection.");
            }

            if (!field.Type.IsOutputType())
            {
                errors.Add($"The type of {type.Name}.{field.Name} must be Output Type but got: {field.Type}.");
            }

            foreach (var argument in field.Arguments.Values)
            {
                if (!argument.Type.IsInputType())
                {
                    errors.Add($"The type of {type.Name}.{field.Name}({argument.Name}:) must be Input Type but got: {argument.Type}.");
                }

                if (argument.Type.IsNonNull() && argument.IsDeprecated)
                {
                    errors.Add($"Required argument {type.Name}.{field.Name}({argument.Name}:) cannot be deprecated.");
                }
            }
        }
    }

    private static void ValidateInterfaces(ComplexType type, List<string> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var iface in type.Interfaces)
        {
            if (ReferenceEquals(iface, type))
            {
                errors.Add($"Type {type.Name} cannot implement itself because it would create a circular reference.");
                continue;
            }

            if (!seen.Add(iface.Name))
            {
                errors.Add($"Type {type.Name} can only implement {iface.Name} once.");
                continue;
            }

            foreach (var transitive in iface.Interfaces)
            {
                if (!type.Interfaces.Contains(transitive))
                {
                    errors.Add(ReferenceEquals(transitive, type)
                        ? $"Type {type.Name} cannot implement {iface.Name} because it would create a circular reference."
                        : $"Type {type.Name} must implement {transitive.Name} because it is implemented by {iface.Name}.");
                }
            }

            foreach (var ifaceField in iface.Fields.Values)
            {
                if (!type.Fields.TryGetValue(ifaceField.Name, out var typeField))
                {
                    errors.Add($"Interface field {iface.Name}.{ifaceField.Name} expected but {type.Name} does not provide it.");
                    continue;
                }

                if (!IsSubType(typeField.Type, ifaceField.Type, type))
                {
                    errors.Add($"Interface field {iface.Name}.{ifaceField.Name} expects type {ifaceField.Type} but {type.Name}.{ifaceField.Name} is type {typeField.Type}.");
                }

                foreach (var ifaceArg in ifaceField.Arguments.Values)
                {
                    if (!typeField.Arguments.TryGetValue(ifaceArg.Name, out var typeArg))
                    {
                        errors.Add($"Interface field argument {iface.Name}.{ifaceField.Name}({ifaceArg.Name}:) expected but {type.Name}.{ifaceField.Name} does not provide it.");
                        continue;
                    }

                    if (!typeArg.Type.IsEqualType(ifaceArg.Type))
                    {
                        errors.Add($"Interface field argument {iface.Name}.{ifaceField.Name}({ifaceArg.Name}:) expects type {ifaceArg.Type} but {type.Name}.{ifaceField.Name}({ifaceArg.Name}:) is type {typeArg.Type}.");
                    }
                }

                foreach (var typeArg in typeField.Arguments.Values)
                {
                    if (!ifaceField.Arguments.ContainsKey(typeArg.Name) && typeArg.Type.IsNonNull() && !typeArg.HasDefaultValue)
                    {
                        errors.Add($"Object field {type.Name}.{ifaceField.Name} includes required argument {typeArg.Name} that is missing from the Interface field {iface.Name}.{ifaceField.Name}.");
                    }
                }
            }
        }
    }

    private static bool IsSubType(IGraphQLType maybeSub, IGraphQLType super, ComplexType owner)
    {
        if (maybeSub.IsEqualType(super))
        {
            return true;
        }

        if (super is NonNullType superNonNull)
        {
            return maybeSub is NonNullType subNonNull && IsSubType(subNonNull.OfType, superNonNull.OfType, owner);
        }

        if (maybeSub is NonNullType nonNull)
        {
            return IsSubType(nonNull.OfType, super, owner);
        }

        if (super is ListType superList)
        {
            return maybeSub is ListType subList && IsSubType(subList.OfType, superList.OfType, owner);
        }

        if (maybeSub is ListType)
        {
            return false;
        }

        return (super, maybeSub) switch
        {
            (UnionType union, ObjectType obj) => union.Types.Contains(obj),
            (InterfaceType iface, ComplexType complex) => complex.Interfaces.Contains(iface),
            _ => false,
        };
    }

    private static void ValidateInputObject(InputObjectType input, List<string> errors)
    {
        if (input.Fields.Count == 0)
        {
            errors.Add($"Input Object type {input.Name} must define one or more fields.");
        }

        foreach (var field in input.Fields.Values)
        {
            if (!field.Type.IsInputType())
            {
                errors.Add($"The type of {input.Name}.{field.Name} must be Input Type but got: {field.Type}.");
            }

            if (field.Type.IsNonNull() && field.IsDeprecated && !field.HasDefaultValue)
            {
                errors.Add($"Required input field {input.Name}.{field.Name} cannot be deprecated.");
            }

            if (input.IsOneOf)
            {
                if (field.Type.IsNonNull())
                {
                    errors.Add($"OneOf input field {input.Name}.{field.Name} must be nullable.");
                }

                if (field.HasDefaultValue)
                {
                    errors.Add($"OneOf input field {input.Name}.{field.Name} cannot have a default value.");
                }
            }
        }

        var path = new List<string>();
        if (FindNonNullCycle(input, input, path, []))
        {
            errors.Add($"Cannot reference Input Object \"{input.Name}\" within itself through a series of non-null fields: \"{string.Join(".", path)}\".");
        }
    }

    private static bool FindNonNullCycle(InputObjectType start, InputObjectType current, List<string> path, HashSet<string> visited)
    {
        if (!visited.Add(current.Name))
        {
            return false;
        }

        foreach (var field in current.Fields.Values)
        {
            if (field.Type is NonNullType { OfType: InputObjectType next })
            {
                path.Add(field.Name);
                if (ReferenceEquals(next, start) || FindNonNullCycle(start, next, path, visited))
                {
                    return true;
                }

                path.RemoveAt(path.Count - 1);
            }
        }

        return false;
    }
}
