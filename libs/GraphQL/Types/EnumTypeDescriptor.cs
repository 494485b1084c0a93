using System.Text;
using Twins.GraphQL.Types.Internal;

namespace Twins.GraphQL.Types;

/// <summary>Configures an enum type in code.</summary>
public sealed class EnumTypeDescriptor
{
    private readonly TypeConfig _config;

    internal EnumTypeDescriptor(TypeConfig config)
    {
        _config = config;
    }

    /// <summary>Sets the description.</summary>
    public EnumTypeDescriptor Description(string description)
    {
        _config.Description = description;
        return this;
    }

    /// <summary>Adds a value; <paramref name="runtimeValue"/> is what resolvers see and return (the name when null).</summary>
    public EnumTypeDescriptor Value(string name, object? runtimeValue = null, string? description = null, string? deprecationReason = null)
    {
        _config.Values.Add(new EnumValueConfig(name) { Value = runtimeValue, Description = description, DeprecationReason = deprecationReason });
        return this;
    }

    /// <summary>PascalCase to CONSTANT_CASE.</summary>
    internal static string ToConstantCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(name[i]));
        }

        return builder.ToString();
    }
}
