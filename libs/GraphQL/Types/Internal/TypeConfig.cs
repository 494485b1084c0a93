using Twins.GraphQL.Execution;

namespace Twins.GraphQL.Types.Internal;

/// <summary>A type as declared (by SDL or code) before the schema is built.</summary>
internal sealed class TypeConfig(TypeKind kind, string name)
{
    public TypeKind Kind { get; set; } = kind;

    public bool Declared { get; set; }

    public string Name { get; } = name;

    public string? Description { get; set; }

    public List<string> Interfaces { get; } = [];

    public List<FieldConfig> Fields { get; } = [];

    public List<InputValueConfig> InputFields { get; } = [];

    public List<EnumValueConfig> Values { get; } = [];

    public List<string> Members { get; } = [];

    public bool IsOneOf { get; set; }

    public string? SpecifiedByUrl { get; set; }

    public ScalarType? Scalar { get; set; }

    public TypeResolver? ResolveType { get; set; }

    public Func<object, bool>? IsTypeOf { get; set; }

    public FieldConfig Field(string name)
    {
        var field = Fields.Find(f => f.Name == name);
        if (field is null)
        {
            field = new FieldConfig(name);
            Fields.Add(field);
        }

        return field;
    }
}
